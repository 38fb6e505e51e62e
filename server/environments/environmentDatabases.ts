import { join, resolve } from 'node:path';
import type { Database } from '../store/database';
import { engineOf, environmentSchema, schemaUrl, withCredentialsOf } from '../store/databaseUrl';
import { migrate } from '../store/migration';
import { openDatabase } from '../store/openDatabase';
import { environmentDatabaseMigrations } from './environmentDatabaseMigrations';

/** Opens (once per URL) and migrates the environments' own databases. */
export interface EnvironmentDatabases {
  /**
   * Where a new environment's definitions live: `file:<dataDir>/env-<name>.db` beside an embedded database, the
   * schema `env_<name>` of the service's own database on PostgreSQL.
   */
  defaultUrl: (environment: string) => string;
  open(url: string): Promise<Database>;
  close(): Promise<void>;
}

/** Where the service's databases are. */
export interface EnvironmentDatabasesOptions {
  /** Holds the embedded environment databases. */
  dataDir: string;
  /** The service's own database (`FORGE_DB_URL`): on PostgreSQL, environments default to schemas in it. */
  mainUrl: string;
  /** Token of remote libSQL URLs. */
  authToken?: string;
}

// A few connections per environment: one release at a time writes there, recovery and rollbacks read.
const connectionsPerEnvironment = 4;

/** The environment databases of a service. */
export function createEnvironmentDatabases(options: EnvironmentDatabasesOptions): EnvironmentDatabases {
  const databases = new Map<string, Promise<Database>>();
  const openAndMigrate = async (url: string): Promise<Database> => {
    const database = await openDatabase(withCredentialsOf(url, options.mainUrl), {
      authToken: url.startsWith('file:') ? undefined : options.authToken,
      maxConnections: connectionsPerEnvironment,
    });
    try {
      await migrate(database, environmentDatabaseMigrations);
    } catch (error) {
      await database.close();
      throw error;
    }
    return database;
  };
  return {
    defaultUrl: (environment) =>
      engineOf(options.mainUrl) === 'postgres'
        ? schemaUrl(options.mainUrl, environmentSchema(environment))
        : `file:${join(resolve(options.dataDir), `env-${environment}.db`)}`,
    open(url) {
      let database = databases.get(url);
      if (!database) {
        database = openAndMigrate(url);
        // A failed open is not cached: the next release retries it.
        database.catch(() => databases.delete(url));
        databases.set(url, database);
      }
      return database;
    },
    async close() {
      const open = [...databases.values()];
      databases.clear();
      await Promise.all(
        open.map((database) =>
          database.then(
            (d) => d.close(),
            () => undefined,
          ),
        ),
      );
    },
  };
}
