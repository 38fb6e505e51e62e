import Libsql from 'libsql';
import { assertStorable } from './constraintErrors';
import type { Queryable, SqlValue, Statement } from './database';

/** How long the scan's own connection waits on a database another process holds locked. */
const busyTimeoutMs = 5000;

/**
 * The path of an embedded database file named by a libSQL URL (`file:relative.db`, `file:/abs.db`,
 * `file:///abs.db`, a query string ignored), or null for anything else (`:memory:`, a server URL).
 */
export function embeddedFilePath(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  let path = url.slice('file:'.length).split('?')[0] ?? '';
  if (path.startsWith('///')) path = path.slice(2);
  return path === '' || path.startsWith(':memory:') ? null : path;
}

/**
 * Streams a query's rows from an embedded file through a read-only connection of its own, in the native
 * driver's array mode: the client's row objects (a property defined per column and row) cost several times
 * what reading does. The one statement reads one snapshot; WAL lets writers go on meanwhile.
 */
export async function* scanEmbeddedFile(path: string, statement: Statement, batchRows: number): AsyncGenerator<SqlValue[][]> {
  assertStorable(statement.args);
  const connection = new Libsql(path, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs });
  try {
    const rows = connection
      .prepare(statement.sql)
      .raw(true)
      .iterate(...(statement.args ?? [])) as IterableIterator<SqlValue[]>;
    let batch: SqlValue[][] = [];
    for (const row of rows) {
      batch.push(row);
      if (batch.length < batchRows) continue;
      yield batch;
      batch = [];
      // The iteration is synchronous: let the event loop serve other requests between batches.
      await new Promise((resume) => setImmediate(resume));
    }
    if (batch.length > 0) yield batch;
  } finally {
    connection.close();
  }
}

/** A scan where no native connection can be opened (a libSQL server, `:memory:`): the whole result at once, in batches. */
export async function* scanByQuery(db: Queryable, statement: Statement, batchRows: number): AsyncGenerator<SqlValue[][]> {
  const result = await db.execute(statement);
  const rows = result.rows.map((row) => Object.values(row));
  for (let index = 0; index < rows.length; index += batchRows) yield rows.slice(index, index + batchRows);
}
