import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { appendAuditEvents } from '../../../server/audit/appendAuditEvent';
import { eventHash, genesisHash } from '../../../core/audit/eventText';
import { auditChainHead } from '../../../server/audit/auditChainHead';
import { verifyAuditChain } from '../../../server/audit/verifyAuditChain';
import { describeEachEngine } from '../../support/engines';
import { append, openTestDatabase, type TestDatabase } from './auditTestDatabase';

const run = promisify(execFile);

describeEachEngine('audit chain', (engine) => {
  let test: TestDatabase;
  beforeEach(async () => {
    test = await openTestDatabase(engine);
  });
  afterEach(() => test.close());

  it('links each event to the previous one and verifies', async () => {
    const first = await append(test.db, { actor: 'alice', action: 'version.created', version: 'v1.0.0', outcome: 'valid' }, '2024-03-01T10:00:00Z');
    const second = await append(test.db, { actor: 'bob', action: 'deployment.started', environment: 'staging', version: 'v1.0.0' }, '2024-03-01T11:00:00Z');
    assert.equal(first.seq, 1);
    assert.equal(first.prevHash, genesisHash);
    assert.equal(second.seq, 2);
    assert.equal(second.prevHash, first.hash);
    const { hash, ...unsealed } = second;
    assert.equal(hash, eventHash(unsealed));
    assert.deepEqual(await verifyAuditChain(test.db), { ok: true, count: 2 });
    assert.deepEqual(await auditChainHead(test.db), { seq: 2, hash: second.hash, at: '2024-03-01T11:00:00.000Z' });
  });

  it('verifies an empty log', async () => {
    assert.deepEqual(await verifyAuditChain(test.db), { ok: true, count: 0 });
    assert.equal(await auditChainHead(test.db), null);
  });

  it('appends a batch in one transaction, in order', async () => {
    const events = await test.db.transaction((tx) =>
      appendAuditEvents(
        tx,
        [
          { actor: 'carol', action: 'approval.granted', releaseId: 'r1', details: { comment: 'ok', required: 2, count: 1 } },
          { actor: 'dave', action: 'approval.granted', releaseId: 'r1', details: { comment: null, required: 2, count: 2 } },
        ],
        new Date('2024-03-02T09:00:00Z'),
      ),
    );
    assert.deepEqual(
      events.map((event) => event.seq),
      [1, 2],
    );
    assert.equal(events[1]?.prevHash, events[0]?.hash);
    assert.equal((await verifyAuditChain(test.db)).count, 2);
  });

  it('never lets the log clock run backwards', async () => {
    await append(test.db, { actor: 'alice', action: 'access' }, '2024-03-01T10:00:00Z');
    const late = await append(test.db, { actor: 'bob', action: 'access' }, '2024-03-01T09:59:00Z');
    assert.equal(late.at, '2024-03-01T10:00:00.000Z');
    assert.equal((await verifyAuditChain(test.db)).ok, true);
  });

  it('an event rolled back with its transaction leaves no trace in the chain', async () => {
    await append(test.db, { actor: 'alice', action: 'access' }, '2024-03-01T10:00:00Z');
    const abandoned = new Error('abandoned');
    await assert.rejects(
      test.db.transaction(async (tx) => {
        await appendAuditEvents(tx, [{ actor: 'bob', action: 'environment.updated' }], new Date('2024-03-01T10:01:00Z'));
        throw abandoned;
      }),
      abandoned,
    );
    const next = await append(test.db, { actor: 'carol', action: 'access' }, '2024-03-01T10:02:00Z');
    assert.equal(next.seq, 2);
    assert.deepEqual(await verifyAuditChain(test.db), { ok: true, count: 2 });
  });

  it('stays one valid chain when several processes append at once', async function () {
    this.timeout(120_000);
    const perProcess = 150;
    const child = `
      const { openDatabase } = require('./server/store/openDatabase');
      const { appendAuditEvent } = require('./server/audit/appendAuditEvent');
      (async () => {
        const db = await openDatabase(process.argv[1]);
        for (let i = 0; i < ${perProcess}; i++) {
          await db.transaction((tx) => appendAuditEvent(tx, { actor: 'process-' + process.pid, action: 'access', details: { i } }, new Date()));
        }
        await db.close();
      })().catch((error) => { console.error(error); process.exit(1); });`;
    await Promise.all([0, 1, 2].map(() => run(process.execPath, ['--import', 'tsx', '-e', child, test.url], { cwd: process.cwd() })));
    const verification = await verifyAuditChain(test.db);
    assert.deepEqual(verification, { ok: true, count: 3 * perProcess });
    const actors = await test.db.execute('SELECT COUNT(DISTINCT actor) AS n FROM audit_events');
    assert.equal(Number(actors.rows[0]?.n), 3);
  });
});
