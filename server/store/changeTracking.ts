import type { Database, ResultSet, Statement, Transaction } from './database';
import { isReadOnlyStatement } from './readOnlyStatement';

/** Moves the durable counter; the last statement of every transaction that wrote (migration 055). */
const countChange = 'INSERT INTO store_changes (id, counter) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET counter = store_changes.counter + 1';
const readCounter = 'SELECT counter FROM store_changes WHERE id = 1';

/**
 * What this process knows of changes to the service database, for caches that must stay exact: a generation
 * that moves whenever data may have changed. Nothing that reads a cached value needs to know which write
 * changed what, so no feature can forget to invalidate one.
 */
export interface StoreChanges {
  /** Moves at once after every write this process commits, and when it learns that another process wrote. */
  readonly generation: number;
  /**
   * The generation once it counts every write committed by any process more than `freshnessMs` before the call:
   * at once while the durable counter was read recently enough, otherwise after reading it again.
   */
  settled(): number | Promise<number>;
  /** Counts a change this process learnt of another way (another process's live event). */
  changed(): void;
}

export interface ChangeTrackingOptions {
  /** How stale other processes' writes may be seen (see `settled`); 0 reads the counter before every cached read. */
  freshnessMs: number;
  /** A background read of the counter failed (the next read that needs it tries again). */
  onError(error: unknown): void;
  /** Monotonic milliseconds; injected by tests. */
  now?: () => number;
}

/** The service database with its writes counted, and what is known of its changes. */
export interface TrackedDatabase {
  db: Database;
  changes: StoreChanges;
}

/**
 * Counts every write made through `db`: a transaction or batch that ran any statement other than a plain SELECT
 * moves the one-row counter `store_changes` in the same transaction (so the count commits with the write, or
 * not at all) and, once it ended, this process's generation. Other processes read the counter at most every
 * `freshnessMs / 2` while they serve cached reads, and never serve one confirmed longer than `freshnessMs` ago.
 * The database must have migration 055; writes made to it by other means are not seen until the next counted one.
 */
export function trackChanges(db: Database, options: ChangeTrackingOptions): TrackedDatabase {
  const now = options.now ?? (() => performance.now());
  let generation = 0;
  let counter: number | null = null;
  // When the last completed counter read started: every write committed before then is counted.
  let confirmedAt = -Infinity;
  let reading: Promise<void> | null = null;

  const changed = () => {
    generation += 1;
  };

  const readOnce = (): Promise<void> =>
    (reading ??= (async () => {
      const started = now();
      try {
        const result = await db.execute(readCounter);
        const value = Number(result.rows[0]?.counter ?? 0);
        // The first read moves the generation too: what was loaded before it is of an unknown instant.
        if (value !== counter) {
          counter = value;
          changed();
        }
        confirmedAt = started;
      } finally {
        reading = null;
      }
    })());

  const confirmedSince = async (instant: number): Promise<number> => {
    // A reading that started at `instant` itself may have missed a write committed then: only a later one counts.
    while (confirmedAt <= instant) await readOnce();
    return generation;
  };

  const changes: StoreChanges = {
    get generation() {
      return generation;
    },
    settled() {
      const at = now();
      const age = at - confirmedAt;
      if (age >= options.freshnessMs) return confirmedSince(at - options.freshnessMs);
      // Read ahead of need, so that a steady stream of reads never waits for one.
      if (age >= options.freshnessMs / 2) readOnce().catch((error: unknown) => options.onError(error));
      return generation;
    },
    changed,
  };

  const countingTransaction = (tx: Transaction, wrote: () => void): Transaction => ({
    engine: tx.engine,
    execute(statement) {
      if (!isReadOnlyStatement(typeof statement === 'string' ? statement : statement.sql)) wrote();
      return tx.execute(statement);
    },
    lock: (scope) => tx.lock(scope),
    notify: (channel) => tx.notify(channel),
    beforeCommit: (sql) => tx.beforeCommit(sql),
  });

  // Writes outside a transaction, with the counter: one native batch on libSQL; on PostgreSQL the counter goes with COMMIT.
  const countedWrites = async (statements: readonly Statement[]): Promise<ResultSet[]> => {
    try {
      if (db.engine === 'libsql') return (await db.batch([...statements, { sql: countChange }])).slice(0, statements.length);
      return await db.transaction(async (tx) => {
        const results: ResultSet[] = [];
        for (const statement of statements) results.push(await tx.execute(statement));
        tx.beforeCommit(countChange);
        return results;
      });
    } finally {
      changed();
    }
  };

  const tracked: Database = {
    engine: db.engine,
    async execute(statement) {
      const single = typeof statement === 'string' ? { sql: statement } : statement;
      if (isReadOnlyStatement(single.sql)) return db.execute(statement);
      const [result] = await countedWrites([single]);
      return result!;
    },
    batch(statements: readonly Statement[]) {
      if (statements.every((statement) => isReadOnlyStatement(statement.sql))) return db.batch(statements);
      return countedWrites(statements);
    },
    async transaction(work, mode = 'write') {
      if (mode === 'read') return db.transaction(work, mode);
      let wrote = false;
      try {
        return await db.transaction(async (tx) => {
          const result = await work(countingTransaction(tx, () => (wrote = true)));
          if (wrote) tx.beforeCommit(countChange);
          return result;
        }, mode);
      } finally {
        // Also when the commit failed: whether it happened may be unknown, and a needless move costs one reload.
        if (wrote) changed();
      }
    },
    listen: (channel, wake, onError) => db.listen(channel, wake, onError),
    scan: (statement, batchRows) => db.scan(statement, batchRows),
    close: () => db.close(),
  };
  return { db: tracked, changes };
}
