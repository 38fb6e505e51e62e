import assert from 'node:assert/strict';
import { createReadCache } from '../../server/cache/readCache';
import { trackChanges, type TrackedDatabase } from '../../server/store/changeTracking';
import type { Database } from '../../server/store/database';
import { migrate } from '../../server/store/migration';
import { allMigrations } from '../../server/store/migrations/allMigrations';
import { openDatabase } from '../../server/store/openDatabase';
import { describeEachEngine, type TestDatabaseLocation } from '../support/engines';

const freshnessMs = 100;

describeEachEngine('the store counts its writes for the read cache', function (engine) {
  let location: TestDatabaseLocation;
  const opened: Database[] = [];
  // Two processes' views of one database, each with a clock the test moves.
  let clock = 0;
  let one: TrackedDatabase;
  let other: TrackedDatabase;

  const open = async (): Promise<TrackedDatabase> => {
    const db = await openDatabase(location.url);
    opened.push(db);
    return trackChanges(db, { freshnessMs, now: () => clock, onError: (error) => assert.fail(String(error)) });
  };
  const counter = async () => Number((await opened[0]!.execute('SELECT counter FROM store_changes WHERE id = 1')).rows[0]?.counter ?? 0);
  const insertNote = (text: string) => ({ sql: 'INSERT INTO notes (text) VALUES (?)', args: [text] });

  before(async () => {
    location = await engine.freshDatabase();
    const db = await openDatabase(location.url);
    await migrate(db, allMigrations);
    await db.execute('CREATE TABLE notes (text TEXT NOT NULL)');
    await db.close();
    one = await open();
    other = await open();
  });

  after(async () => {
    for (const db of opened) await db.close();
    await location.remove();
  });

  it('moves the generation at once and the durable counter with every committed write, and not for reads', async () => {
    const before = { generation: one.changes.generation, counter: await counter() };
    await one.db.execute('SELECT COUNT(*) AS n FROM notes');
    await one.db.transaction(async (tx) => tx.execute('SELECT COUNT(*) AS n FROM notes'));
    await one.db.batch([{ sql: 'SELECT 1 AS one' }]);
    assert.deepEqual({ generation: one.changes.generation, counter: await counter() }, before);

    await one.db.execute(insertNote('a statement'));
    assert.equal(one.changes.generation, before.generation + 1);
    await one.db.batch([insertNote('a batch'), insertNote('of two')]);
    assert.equal(one.changes.generation, before.generation + 2);
    await one.db.transaction(async (tx) => {
      await tx.execute('SELECT COUNT(*) AS n FROM notes');
      await tx.execute(insertNote('a transaction'));
    });
    assert.equal(one.changes.generation, before.generation + 3);
    assert.equal(await counter(), before.counter + 3);
  });

  it('leaves the durable counter alone when a transaction rolls back', async () => {
    const before = await counter();
    await assert.rejects(
      one.db.transaction(async (tx) => {
        await tx.execute(insertNote('rolled back'));
        throw new Error('changed its mind');
      }),
      /changed its mind/,
    );
    assert.equal(await counter(), before);
    const notes = await one.db.execute("SELECT COUNT(*) AS n FROM notes WHERE text = 'rolled back'");
    assert.equal(Number(notes.rows[0]?.n), 0);
  });

  it("learns of another process's write by the counter once its last reading is older than the bound", async () => {
    // A first reading of the counter confirms the other view at this instant.
    const confirmed = await other.changes.settled();
    assert.equal(other.changes.settled(), confirmed, 'read again within the bound: no wait, no change');
    await one.db.execute(insertNote('from the other process'));
    // Within the bound the other view may still serve what it holds...
    clock += freshnessMs - 1;
    const withinBound = other.changes.settled();
    // ...(it reads the counter ahead of need past half the bound, without making the caller wait)...
    assert.equal(typeof withinBound, 'number');
    // ...and once the bound has passed since its reading, it counts the write before answering.
    clock += 1;
    const settled = await other.changes.settled();
    assert.ok(settled > confirmed, `generation ${settled} after ${confirmed}`);
  });

  it('serves a cached value for one generation only, loading it once however many readers ask', async () => {
    const cache = createReadCache(one.changes);
    let loads = 0;
    const load = async () => {
      loads += 1;
      const result = await one.db.execute('SELECT COUNT(*) AS n FROM notes');
      return Number(result.rows[0]?.n);
    };
    clock += freshnessMs;
    const [first, second] = await Promise.all([cache.read('notes', load), cache.read('notes', load)]);
    assert.equal(loads, 1);
    assert.equal(first.value, second.value);
    assert.equal(first.json(), String(first.value));
    await one.db.execute(insertNote('one more'));
    const after = await cache.read('notes', load);
    assert.equal(loads, 2);
    assert.equal(after.value, first.value + 1);
  });
});
