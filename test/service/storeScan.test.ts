import { strict as assert } from 'node:assert';
import { openDatabase } from '../../server/store/openDatabase';
import type { Database, SqlValue } from '../../server/store/database';
import { describeEachEngine, type TestDatabaseLocation } from '../support/engines';

describeEachEngine('streamed scans of the store', (engine) => {
  let location: TestDatabaseLocation;
  let db: Database;

  before(async () => {
    location = await engine.freshDatabase();
    db = await openDatabase(location.url, { maxConnections: 2 });
    await db.execute('CREATE TABLE numbers (n INTEGER PRIMARY KEY, label TEXT, note TEXT)');
    await db.transaction(async (tx) => {
      for (let n = 1; n <= 2500; n += 1) await tx.execute({ sql: 'INSERT INTO numbers (n, label, note) VALUES (?, ?, ?)', args: [n, `n${n}`, n % 2 ? null : 'even'] });
    });
  });
  after(async () => {
    await db.close();
    await location.remove();
  });

  it('yields every row as values in select-list order, in batches, with its arguments bound', async () => {
    const batches: SqlValue[][][] = [];
    for await (const batch of db.scan({ sql: 'SELECT note, n, label FROM numbers WHERE n > ? ORDER BY n', args: [100] }, 1000)) batches.push(batch);
    assert.deepEqual(
      batches.map((batch) => batch.length),
      [1000, 1000, 400],
    );
    assert.deepEqual(batches[0]?.[0], [null, 101, 'n101']);
    assert.deepEqual(batches[2]?.at(-1), ['even', 2500, 'n2500']);
  });

  it('reads one snapshot: rows written during the scan are not in it', async () => {
    let rows = 0;
    for await (const batch of db.scan({ sql: 'SELECT n FROM numbers ORDER BY n' }, 500)) {
      if (rows === 0) await db.execute({ sql: 'INSERT INTO numbers (n, label) VALUES (?, ?)', args: [9000, 'late'] });
      rows += batch.length;
    }
    assert.equal(rows, 2500);
    await db.execute('DELETE FROM numbers WHERE n = 9000');
  });

  it('gives its connection back when the reader stops early', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      for await (const batch of db.scan({ sql: 'SELECT n FROM numbers ORDER BY n' }, 100)) {
        assert.equal(batch.length, 100);
        break;
      }
    }
    // Two pooled connections at most: five abandoned scans holding theirs would leave this waiting.
    assert.equal(Number((await db.execute('SELECT COUNT(*) AS n FROM numbers')).rows[0]?.n), 2500);
  });

  it('refuses text arguments holding a NUL character before running', async () => {
    await assert.rejects(async () => {
      for await (const batch of db.scan({ sql: 'SELECT n FROM numbers WHERE label = ?', args: ['a\u0000b'] })) assert.fail(String(batch));
    }, /NUL/);
  });
});

describe('streamed scans of an in-memory libSQL database', () => {
  it('read the whole result through the client, in batches', async () => {
    const db = await openDatabase(':memory:');
    try {
      await db.execute('CREATE TABLE t (n INTEGER)');
      await db.batch(Array.from({ length: 5 }, (_, n) => ({ sql: 'INSERT INTO t (n) VALUES (?)', args: [n] })));
      const batches: SqlValue[][][] = [];
      for await (const batch of db.scan({ sql: 'SELECT n FROM t ORDER BY n' }, 2)) batches.push(batch);
      assert.deepEqual(batches, [[[0], [1]], [[2], [3]], [[4]]]);
    } finally {
      await db.close();
    }
  });
});
