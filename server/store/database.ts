/**
 * The one store interface every server module writes its SQL against, for both engines: libSQL (an embedded
 * file, the default) and PostgreSQL (`FORGE_DB_URL=postgres://…`). Statements are portable SQL with `?`
 * placeholders; rows come back as plain objects whose integers are numbers.
 */

/** A value a statement takes or a row holds: text, a number, or null. */
export type SqlValue = string | number | null;

/** One SQL statement with its positional `?` arguments. */
export interface Statement {
  sql: string;
  args?: readonly SqlValue[];
}

/** One result row: column name → value. */
export type Row = Record<string, SqlValue>;

/** What a statement returned: its rows (empty for writes without RETURNING) and how many rows it changed. */
export interface ResultSet {
  rows: Row[];
  rowsAffected: number;
}

/** The engines the store runs on. */
export type Engine = 'libsql' | 'postgres';

/** Something statements run on: the database itself (each statement on its own) or an open transaction. */
export interface Queryable {
  readonly engine: Engine;
  execute(statement: Statement | string): Promise<ResultSet>;
}

/** An open transaction; it commits when the work given to `Database.transaction` resolves. */
export interface Transaction extends Queryable {
  /**
   * Holds a lock named `scope` until this transaction ends, so transactions that take the same scope run one
   * after the other. On PostgreSQL this is a transaction-level advisory lock; on libSQL a write transaction
   * already excludes every other writer, so it costs nothing. PostgreSQL takes it with the transaction's next
   * statement (one round trip less), so anything that must happen under the lock — reading the clock — comes after one.
   */
  lock(scope: string): Promise<void>;
  /** Wakes the processes listening on `channel` once this transaction commits (PostgreSQL NOTIFY; nothing on libSQL). */
  notify(channel: string): Promise<void>;
}

/** How a transaction reads: `write` (the default) or `read`, a read-only snapshot that sees one instant. */
export type TransactionMode = 'write' | 'read';

/** A stop function returned by `listen`. */
export type Unlisten = () => Promise<void>;

/** A database connection (a pool on PostgreSQL). */
export interface Database extends Queryable {
  /** Runs the statements in order in one write transaction: all of them commit, or none. */
  batch(statements: readonly Statement[]): Promise<ResultSet[]>;
  /** Runs `work` in one transaction: it commits when `work` resolves and rolls back when it throws. */
  transaction<T>(work: (tx: Transaction) => Promise<T>, mode?: TransactionMode): Promise<T>;
  /**
   * Calls `wake` whenever another process notifies `channel` (PostgreSQL LISTEN). On libSQL there is nothing
   * to hear, so callers poll as well; `onError` learns of a listening connection that broke.
   */
  listen(channel: string, wake: () => void, onError: (error: Error) => void): Promise<Unlisten>;
  /**
   * Reads every row of one query as arrays of values in select-list order, in batches of `batchRows`, from one
   * snapshot: for scans over millions of rows (verifying the audit chain), where building an object per row
   * would cost more than reading it. Other requests are served between batches.
   */
  scan(statement: Statement, batchRows?: number): AsyncIterable<SqlValue[][]>;
  close(): Promise<void>;
}
