import type { Database } from './database';
import { engineOf } from './databaseUrl';
import { openLibsqlDatabase } from './libsqlDatabase';
import { openPostgresDatabase } from './postgresDatabase';

/** How to open a database besides its URL. */
export interface OpenDatabaseOptions {
  /** Token of a remote libSQL server (never used for files or PostgreSQL). */
  authToken?: string;
  /** PostgreSQL pool size (default 10). */
  maxConnections?: number;
}

/** Opens the database a URL names: PostgreSQL for `postgres://`, libSQL for everything else. */
export function openDatabase(url: string, options: OpenDatabaseOptions = {}): Promise<Database> {
  return engineOf(url) === 'postgres' ? openPostgresDatabase(url, { maxConnections: options.maxConnections }) : openLibsqlDatabase(url, options.authToken);
}
