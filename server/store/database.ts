import { createClient, type Client } from '@libsql/client';
import { serializeWrites } from './serializedWrites';

/** How long a statement waits on a database another process holds locked before failing with SQLITE_BUSY. */
const busyTimeoutMs = 5000;

/**
 * Opens a libSQL database: an embedded `file:` path, `:memory:`, or a libSQL server URL (`libsql://`, `http://`).
 * Local files run in WAL mode with a busy timeout on every pooled connection, so several service processes can
 * share one file without `SQLITE_BUSY` failures; within this process, writes are queued (see serializeWrites).
 */
export async function openDatabase(url: string, authToken?: string): Promise<Client> {
  const client = createClient({ url, authToken, timeout: busyTimeoutMs });
  if (isLocal(url)) await client.execute('PRAGMA journal_mode = WAL');
  return serializeWrites(client);
}

function isLocal(url: string): boolean {
  return url === ':memory:' || url.startsWith('file:');
}
