import type { Client, InArgs, InStatement, Transaction, TransactionMode } from '@libsql/client';
import { isReadOnlyStatement } from './readOnlyStatement';

// One queue per database in this process, shared by every client opened on it.
const queues = new Map<string, { tail: Promise<void> }>();

/**
 * Wraps a client so this process runs one write at a time on the database `url`. SQLite's busy handler waits
 * synchronously: a second write transaction opened while the first is still awaiting its next statement would
 * block the very event loop the first needs to finish, and fail with SQLITE_BUSY after the timeout. Queuing
 * writes in-process avoids that, also between two clients of one file in one process; other processes are still
 * handled by the busy timeout, and reads (WAL) never wait.
 */
export function serializeWrites(client: Client, url: string): Client {
  let queue = queues.get(url);
  if (!queue) queues.set(url, (queue = { tail: Promise.resolve() }));
  const shared = queue;
  const acquire = (): Promise<() => void> => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const ready = shared.tail.then(() => release);
    shared.tail = shared.tail.then(() => released);
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

  const wrapper: Client = {
    execute: (statement: InStatement | string, args?: InArgs) => {
      const run = () => (typeof statement === 'string' ? client.execute(statement, args) : client.execute(statement));
      return isRead(statement) ? run() : exclusive(run);
    },
    batch: (statements, mode) => (mode === 'read' ? client.batch(statements, mode) : exclusive(() => client.batch(statements, mode))),
    migrate: (statements) => exclusive(() => client.migrate(statements)),
    executeMultiple: (sql) => exclusive(() => client.executeMultiple(sql)),
    async transaction(mode?: TransactionMode) {
      if (mode === 'read') return client.transaction(mode);
      const release = await acquire();
      try {
        return releasingOnEnd(await client.transaction(mode), release);
      } catch (error) {
        release();
        throw error;
      }
    },
    sync: () => client.sync(),
    close: () => client.close(),
    reconnect: () => client.reconnect(),
    get closed() {
      return client.closed;
    },
    get protocol() {
      return client.protocol;
    },
  };
  return wrapper;
}

/** Whether a statement only reads. */
function isRead(statement: InStatement | string): boolean {
  return isReadOnlyStatement(typeof statement === 'string' ? statement : statement.sql);
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
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (property === 'commit' || property === 'rollback') {
        return async () => {
          try {
            return await method.call(target);
          } finally {
            once();
          }
        };
      }
      if (property === 'close') {
        return () => {
          try {
            return method.call(target);
          } finally {
            once();
          }
        };
      }
      return method.bind(target);
    },
  });
}
