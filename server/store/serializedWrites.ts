import type { Client, InStatement, Transaction, TransactionMode } from '@libsql/client';

/**
 * Wraps a client so this process runs one write at a time. SQLite's busy handler waits synchronously: a second
 * write transaction opened while the first is still awaiting its next statement would block the very event loop
 * the first needs to finish, and fail with SQLITE_BUSY after the timeout. Queuing writes in-process avoids that;
 * other processes are still handled by the busy timeout, and reads (WAL) never wait.
 */
export function serializeWrites(client: Client): Client {
  let tail: Promise<void> = Promise.resolve();
  const acquire = (): Promise<() => void> => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const ready = tail.then(() => release);
    tail = tail.then(() => released);
    return ready;
  };
  const exclusive = async <T>(work: () => Promise<T>): Promise<T> => {
    const release = await acquire();
    try {
      return await work();
    } finally {
      release();
    }
  };

  return new Proxy(client, {
    get(target, property, receiver) {
      switch (property) {
        case 'execute':
          return (statement: InStatement, args?: unknown) =>
            isRead(statement) ? target.execute(statement as never, args as never) : exclusive(() => target.execute(statement as never, args as never));
        case 'batch':
          return (statements: InStatement[], mode?: TransactionMode) =>
            mode === 'read' ? target.batch(statements, mode) : exclusive(() => target.batch(statements, mode));
        case 'executeMultiple':
          return (sql: string) => exclusive(() => target.executeMultiple(sql));
        case 'migrate':
          return (statements: InStatement[]) => exclusive(() => target.migrate(statements));
        case 'transaction':
          return async (mode?: TransactionMode) => {
            if (mode === 'read') return target.transaction(mode);
            const release = await acquire();
            try {
              return releasingOnEnd(await target.transaction(mode), release);
            } catch (error) {
              release();
              throw error;
            }
          };
        default: {
          const value = Reflect.get(target, property, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        }
      }
    },
  });
}

function isRead(statement: InStatement): boolean {
  const sql = typeof statement === 'string' ? statement : statement.sql;
  return /^\s*(SELECT|WITH\s[\s\S]*?\)\s*SELECT)\b/i.test(sql) && !/\b(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(sql);
}

function releasingOnEnd(transaction: Transaction, release: () => void): Transaction {
  let released = false;
  const once = () => {
    if (!released) {
      released = true;
      release();
    }
  };
  return new Proxy(transaction, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (property === 'commit' || property === 'rollback') {
        return async () => {
          try {
            return await value.call(target);
          } finally {
            once();
          }
        };
      }
      if (property === 'close') {
        return () => {
          try {
            return value.call(target);
          } finally {
            once();
          }
        };
      }
      return value.bind(target);
    },
  });
}
