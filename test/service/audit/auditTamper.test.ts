import { strict as assert } from 'node:assert';
import { generateKeyPairSync } from 'node:crypto';
import { appendAuditEvents } from '../../../server/audit/appendAuditEvent';
import type { AuditEvent, Checkpoint } from '../../../core/api/audit';
import { eventHash } from '../../../core/audit/eventText';
import { createExportCheck } from '../../../core/audit/exportCheck';
import { checkpointPayload } from '../../../core/audit/signedStatements';
import { canonicalJson } from '../../../core/json/canonicalJson';
import { auditJsonLines } from '../../../server/audit/auditJsonLines';
import { auditEventFromRow, auditEventSelect } from '../../../server/audit/auditRow';
import { auditSigner } from '../../../server/audit/checkpoints/auditSigner';
import { AuditChainBrokenError, takeCheckpoint } from '../../../server/audit/checkpoints/takeCheckpoint';
import { verifyAuditTrail } from '../../../server/audit/checkpoints/verifyAuditTrail';
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

describeEachEngine('audit chain tampering against signed checkpoints', (engine) => {
  let test: TestDatabase;
  const signer = auditSigner(generateKeyPairSync('ed25519').privateKey);
  const interval = { events: null, minutes: null };
  let checkpoint: Checkpoint;

  beforeEach(async () => {
    test = await openTestDatabase(engine);
    const inputs = Array.from({ length: 10 }, (_, index) => ({
      actor: 'alice',
      action: 'check.reported',
      version: 'v1.0.0',
      outcome: 'success',
      details: { name: `check-${index}` },
    }));
    await test.db.transaction((tx) => appendAuditEvents(tx, inputs, new Date('2024-03-01T10:00:00Z')));
    checkpoint = (await takeCheckpoint(test.db, signer, interval, 'now', new Date('2024-03-01T10:05:00Z')))!.checkpoint;
    await test.db.transaction((tx) => appendAuditEvents(tx, inputs.slice(0, 2), new Date('2024-03-01T10:10:00Z')));
  });
  afterEach(() => test.close());

  /** The export `GET /api/audit?format=jsonl` gives, checked offline against the checkpoints and the public key. */
  async function verifyOffline(checkpoints: readonly Checkpoint[]) {
    const check = createExportCheck(checkpoints, signer.publicKey);
    for await (const text of auditJsonLines(test.db, {})) {
      for (const line of text.split('\n').filter(Boolean)) {
        const event = JSON.parse(line) as AuditEvent;
        check.accept(event, canonicalJson(event.details));
      }
    }
    return check.result();
  }

  /** Rewrites events from `from` on as someone who can write the database would: every later hash re-sealed. */
  async function rewriteTail(from: number): Promise<void> {
    const rows = await test.db.execute({ sql: `SELECT ${auditEventSelect} FROM audit_events WHERE seq >= ? ORDER BY seq`, args: [from - 1] });
    const events = rows.rows.map(auditEventFromRow);
    let prevHash = (events[0] as AuditEvent).hash;
    for (const event of events.slice(1)) {
      const unsealed = { ...event, prevHash, ...(event.seq === from ? { actor: 'mallory' } : {}) };
      const { hash: _old, ...fields } = unsealed;
      prevHash = eventHash(fields);
      await test.db.execute({
        sql: 'UPDATE audit_events SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?',
        args: [unsealed.actor, unsealed.prevHash, prevHash, event.seq],
      });
    }
  }

  it('verifies with the checkpoint on the chain, online and offline', async () => {
    const online = await verifyAuditTrail(test.db, signer.publicKey, []);
    assert.equal(online.ok, true, JSON.stringify(online));
    assert.deepEqual([online.count, online.checkpoints?.checked, online.checkpoints?.onChain, online.checkpoints?.latest?.seq], [12, 1, 1, 10]);
    const offline = await verifyOffline([checkpoint]);
    assert.deepEqual([offline.ok, offline.count, offline.checkpoints?.onChain], [true, 12, 1]);
  });

  it('detects a truncation: the newest events deleted, below the checkpoint', async () => {
    await test.db.execute('DELETE FROM audit_events WHERE seq > 7');
    // The remaining chain is intact: only the checkpoint shows what is missing.
    assert.deepEqual(await verifyAuditChain(test.db), { ok: true, count: 7 });
    const online = await verifyAuditTrail(test.db, signer.publicKey, []);
    assert.equal(online.ok, false);
    assert.deepEqual(online.truncation, { checkpoint, headSeq: 7 });
    assert.equal(online.brokenAt, undefined);
    const offline = await verifyOffline([checkpoint]);
    assert.deepEqual([offline.ok, offline.truncation?.checkpoint.seq, offline.truncation?.headSeq], [false, 10, 7]);
  });

  it('detects a truncation even when the log is emptied', async () => {
    await test.db.execute('DELETE FROM audit_events');
    const online = await verifyAuditTrail(test.db, signer.publicKey, []);
    assert.deepEqual([online.ok, online.count, online.truncation?.headSeq, online.head], [false, 0, null, null]);
  });

  for (const from of [4, 10, 11]) {
    it(`detects a tail rewritten from event ${from} with every later hash re-sealed`, async () => {
      await rewriteTail(from);
      assert.deepEqual(await verifyAuditChain(test.db), { ok: true, count: 12 });
      const online = await verifyAuditTrail(test.db, signer.publicKey, []);
      const offline = await verifyOffline([checkpoint]);
      if (from > checkpoint.seq) {
        // Rewritten after the checkpoint only: the signed head still stands, and so does the chain after it.
        assert.equal(online.ok, true);
        assert.equal(offline.ok, true);
        return;
      }
      for (const verdict of [online, offline]) {
        assert.equal(verdict.ok, false);
        assert.equal(verdict.tailRewrite?.checkpoint.seq, 10);
        assert.notEqual(verdict.tailRewrite?.storedHash, checkpoint.hash);
        assert.deepEqual([verdict.brokenAt?.seq, verdict.brokenAt?.reason], [10, 'checkpoint_mismatch']);
      }
    });
  }

  it('checks incrementally from the newest checkpoint, and still sees a rewritten tail and a truncation there', async () => {
    const incremental = await verifyAuditTrail(test.db, signer.publicKey, [], 'checkpoint');
    assert.deepEqual([incremental.ok, incremental.from, incremental.count], [true, 10, 3]);
    await rewriteTail(9);
    const rewritten = await verifyAuditTrail(test.db, signer.publicKey, [], 'checkpoint');
    assert.deepEqual([rewritten.ok, rewritten.brokenAt?.reason], [false, 'checkpoint_mismatch']);
    await test.db.execute('DELETE FROM audit_events WHERE seq >= 10');
    const truncated = await verifyAuditTrail(test.db, signer.publicKey, [], 'checkpoint');
    assert.deepEqual([truncated.ok, truncated.count, truncated.truncation?.headSeq], [false, 0, 9]);
  });

  it('never signs a rewritten tail, an edited event after the checkpoint, or a head below the checkpoint', async () => {
    const later = new Date('2024-03-01T11:00:00Z');
    await rewriteTail(9);
    await assert.rejects(
      takeCheckpoint(test.db, signer, interval, 'now', later),
      (error: Error) => error instanceof AuditChainBrokenError && /does not extend its newest checkpoint/.test(error.message),
    );
    await test.db.execute("UPDATE audit_events SET actor = 'mallory', hash = 'x' WHERE seq = 11");
    await assert.rejects(takeCheckpoint(test.db, signer, { events: 1, minutes: null }, 'due', later), AuditChainBrokenError);
    await test.db.execute('DELETE FROM audit_events WHERE seq > 7');
    assert.deepEqual(await takeCheckpoint(test.db, signer, interval, 'now', later), { checkpoint, created: false });
    assert.equal(await takeCheckpoint(test.db, signer, { events: 1, minutes: 1 }, 'due', later), null);
    assert.equal(Number((await test.db.execute('SELECT COUNT(*) AS n FROM audit_checkpoints')).rows[0]?.n), 1);
  });

  it('relies only on checkpoints the key signed: a forged one fails verification, another key’s is left aside', async () => {
    const forged = { ...checkpoint, seq: 11, hash: 'a'.repeat(64) };
    const other = auditSigner(generateKeyPairSync('ed25519').privateKey);
    const foreign = { ...checkpoint, keyId: other.keyId, signature: other.sign('checkpoint', checkpointPayload({ ...checkpoint, keyId: other.keyId })) };
    await test.db.execute({
      sql: 'INSERT INTO audit_checkpoints (seq, hash, at, signed_at, key_id, signature) VALUES (?, ?, ?, ?, ?, ?)',
      args: [forged.seq, forged.hash, forged.at, forged.signedAt, forged.keyId, forged.signature],
    });
    const online = await verifyAuditTrail(test.db, signer.publicKey, []);
    assert.deepEqual([online.ok, online.checkpoints?.invalid, online.checkpoints?.checked], [false, 1, 1]);
    const offline = await verifyOffline([checkpoint, foreign]);
    assert.deepEqual([offline.ok, offline.checkpoints?.otherKeys, offline.checkpoints?.checked], [true, 1, 1]);
  });
});
