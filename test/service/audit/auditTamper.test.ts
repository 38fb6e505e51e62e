import { strict as assert } from 'node:assert';
import { appendAuditEvents } from '../../../server/audit/appendAuditEvent';
import type { AuditEvent } from '../../../core/api/audit';
import { eventHash } from '../../../core/audit/eventText';
import { verifyAuditChain } from '../../../server/audit/verifyAuditChain';
import { describeEachEngine } from '../../support/engines';
import { append, openTestDatabase, type TestDatabase } from './auditTestDatabase';

// Each edit changes one column of one row, as someone with write access to the database could.
const columnEdits: Record<string, string> = {
  id: "id = 'forged-id'",
  seq: 'seq = seq + 1000',
  at: "at = '2024-03-01T00:00:00.000Z'",
  actor: "actor = 'mallory'",
  action: "action = 'access'",
  environment: "environment = 'development'",
  version: "version = 'v9.9.9'",
  release_id: "release_id = 'r-forged'",
  outcome: "outcome = 'succeeded'",
  details: `details = '{"durationMs":1}'`,
  'details (same content, other formatting)': `details = '{ "durationMs": 1200 }'`,
  prev_hash: `prev_hash = '${'f'.repeat(64)}'`,
  hash: `hash = '${'e'.repeat(64)}'`,
  'details (as a number)': 'details = 42',
};
// SQLite also lets a value of another type into a TEXT column; PostgreSQL's typed columns do not.
const libsqlOnlyEdits: Record<string, string> = { 'actor (as a blob)': "actor = X'616c69636500'" };

describeEachEngine('audit chain tampering', (engine) => {
  let test: TestDatabase;
  let events: AuditEvent[];

  beforeEach(async () => {
    test = await openTestDatabase(engine);
    events = [];
    for (let index = 0; index < 6; index += 1) {
      events.push(
        await append(
          test.db,
          {
            actor: 'alice',
            action: 'deployment.completed',
            environment: 'production',
            version: 'v1.2.0',
            releaseId: `r${index}`,
            outcome: 'failed',
            details: { durationMs: 1200 },
          },
          `2024-03-0${index + 1}T10:00:00Z`,
        ),
      );
    }
    assert.deepEqual(await verifyAuditChain(test.db), { ok: true, count: 6 });
  });
  afterEach(() => test.close());

  for (const [column, assignment] of Object.entries({ ...columnEdits, ...(engine.name === 'libsql' ? libsqlOnlyEdits : {}) })) {
    for (const target of [1, 3, 6]) {
      it(`reports event ${target} when its ${column} is edited`, async () => {
        const edited = events[target - 1] as AuditEvent;
        await test.db.execute({ sql: `UPDATE audit_events SET ${assignment} WHERE id = ?`, args: [edited.id] });
        const verification = await verifyAuditChain(test.db);
        assert.equal(verification.ok, false);
        const expectedId = column === 'id' ? 'forged-id' : edited.id;
        const expectedSeq = column === 'seq' ? target + 1000 : target;
        assert.deepEqual(verification.brokenAt, { id: expectedId, seq: expectedSeq, reason: 'content_mismatch' });
        assert.equal(verification.count, 6);
      });
    }
  }

  it('reports the event after a deleted row', async () => {
    await test.db.execute({ sql: 'DELETE FROM audit_events WHERE seq = 3' });
    const verification = await verifyAuditChain(test.db);
    assert.deepEqual(verification, { ok: false, count: 5, brokenAt: { id: events[3]?.id, seq: 4, reason: 'missing_events' } });
  });

  it('reports the new first event when the first row is deleted', async () => {
    await test.db.execute({ sql: 'DELETE FROM audit_events WHERE seq = 1' });
    const verification = await verifyAuditChain(test.db);
    assert.deepEqual(verification.brokenAt, { id: events[1]?.id, seq: 2, reason: 'missing_events' });
  });

  it('reports a row rewritten with a freshly computed hash, through its successor’s link', async () => {
    const original = events[2] as AuditEvent;
    const { hash, ...unsealed } = { ...original, actor: 'mallory' };
    assert.notEqual(eventHash(unsealed), hash);
    await test.db.execute({
      sql: 'UPDATE audit_events SET actor = ?, hash = ? WHERE id = ?',
      args: ['mallory', eventHash(unsealed), original.id],
    });
    const verification = await verifyAuditChain(test.db);
    assert.deepEqual(verification.brokenAt, { id: original.id, seq: 3, reason: 'rewritten' });
  });

  it('streams past a page boundary and still finds a late edit', async function () {
    this.timeout(60_000);
    const inputs = Array.from({ length: 4500 }, (_, index) => ({ actor: 'bot', action: 'access', details: { index } }));
    await test.db.transaction((tx) => appendAuditEvents(tx, inputs, new Date('2024-04-01T00:00:00Z')));
    assert.deepEqual(await verifyAuditChain(test.db), { ok: true, count: 4506 });
    await test.db.execute(`UPDATE audit_events SET details = '{"index":1}' WHERE seq = 4400`);
    const verification = await verifyAuditChain(test.db);
    assert.deepEqual([verification.ok, verification.count, verification.brokenAt?.seq], [false, 4506, 4400]);
  });
});
