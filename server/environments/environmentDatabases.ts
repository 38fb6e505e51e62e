import { join, resolve } from 'node:path';
import type { Client } from '@libsql/client';
import { openDatabase } from '../store/database';
import { migrate } from '../store/migration';
import { environmentDatabaseMigrations } from './environmentDatabaseMigrations';

/** Opens (once per URL) and migrates the environments' own databases. */
export interface EnvironmentDatabases {
  /** `file:<dataDir>/env-<name>.db`. */
  defaultUrl(environment: string): string;
  open(url: string): Promise<Client>;
  close(): void;
}

/** Environment databases under `dataDir`; `authToken` is used for remote libSQL URLs. */
export function createEnvironmentDatabases(dataDir: string, authToken?: string): EnvironmentDatabases {
  const clients = new Map<string, Promise<Client>>();
  const openAndMigrate = async (url: string): Promise<Client> => {
    const client = await openDatabase(url, url.startsWith('file:') ? undefined : authToken);
    await migrate(client, environmentDatabaseMigrations);
    return client;
  };
  return {
    defaultUrl: (environment) => `file:${join(resolve(dataDir), `env-${environment}.db`)}`,
    open(url) {
      let client = clients.get(url);
      if (!client) {
        client = openAndMigrate(url);
        // A failed open is not cached: the next release retries it.
        client.catch(() => clients.delete(url));
        clients.set(url, client);
      }
      return client;
    },
    close() {
      for (const client of clients.values()) void client.then((c) => c.close(), () => undefined);
      clients.clear();
    },
  };
}
