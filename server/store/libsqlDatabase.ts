import { createClient, type Client, type InStatement, type ResultSet as LibsqlResultSet, type Transaction as LibsqlTransaction } from '@libsql/client';
import { assertStorable, isLibsqlUniqueViolation, UniqueViolationError } from './constraintErrors';
import type { Database, ResultSet, Row, SqlValue, Statement, Transaction } from './database';
import { embeddedFilePath, scanByQuery, scanEmbeddedFile } from './libsqlScan';
import { serializeWrites } from './serializedWrites';

/** How long a statement waits on a database another process holds locked before failing with SQLITE_BUSY. */
const busyTimeoutMs = 5000;
const defaultScanBatch = 2000;

/**
 * Opens a libSQL database: an embedded `file:` path, `:memory:`, or a libSQL server URL (`libsql://`, `http://`).
 * Local files run in WAL mode with a busy timeout on every pooled connection, so several service processes can
 * share one file without `SQLITE_BUSY` failures; within this process, writes are queued (see serializeWrites).
 */
export async function openLibsqlDatabase(url: string, authToken?: string): Promise<Database> {
  const client = serializeWrites(createClient({ url, authToken, timeout: busyTimeoutMs }), url);
  if (url === ':memory:' || url.startsWith('file:')) await client.execute('PRAGMA journal_mode = WAL');
  return libsqlDatabase(client, embeddedFilePath(url));
}

function libsqlDatabase(client: Client, filePath: string | null): Database {
  const database: Database = {
    engine: 'libsql',
    execute: (statement) => translateErrors(() => client.execute(toLibsql(statement))).then(toResultSet),
    batch: async (statements) => (await translateErrors(() => client.batch(statements.map(toLibsql), 'write'))).map(toResultSet),
    async transaction(work, mode = 'write') {
      const tx = await translateErrors(() => client.transaction(mode));
      try {
        const result = await work(libsqlTransaction(tx));
        await translateErrors(() => tx.commit());
        return result;
      } finally {
        // Closing an uncommitted transaction rolls it back.
        tx.close();
      }
    },
    // Other processes on the same file cannot signal this one: readers of shared tables poll.
    listen: async () => async () => undefined,
    scan: (statement, batchRows = defaultScanBatch) =>
      filePath === null ? scanByQuery(database, statement, batchRows) : scanEmbeddedFile(filePath, statement, batchRows),
    close: async () => client.close(),
  };
  return database;
}

function libsqlTransaction(tx: LibsqlTransaction): Transaction {
  return {
    engine: 'libsql',
    execute: (statement) => translateErrors(() => tx.execute(toLibsql(statement))).then(toResultSet),
    // A write transaction (BEGIN IMMEDIATE) already holds the database's only write lock.
    lock: async () => undefined,
    notify: async () => undefined,
  };
}

function toLibsql(statement: Statement | string): InStatement {
  if (typeof statement === 'string') return statement;
  assertStorable(statement.args);
  return { sql: statement.sql, args: [...(statement.args ?? [])] };
}

/** Rows as plain objects: the client's rows are array-like objects with a getter per column. */
function toResultSet(result: LibsqlResultSet): ResultSet {
  const { columns } = result;
  const rows = result.rows.map((source) => {
    const row: Row = {};
    for (let index = 0; index < columns.length; index += 1) row[columns[index]!] = source[index] as SqlValue;
    return row;
  });
  return { rows, rowsAffected: result.rowsAffected };
}

async function translateErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw isLibsqlUniqueViolation(error) ? new UniqueViolationError(error) : error;
  }
}
