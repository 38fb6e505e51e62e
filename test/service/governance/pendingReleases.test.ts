import assert from 'node:assert/strict';
import { migrate } from '../../../server/store/migration';
import { allMigrations } from '../../../server/store/migrations/allMigrations';
import { openDatabase } from '../../../server/store/openDatabase';
import { describeEachEngine } from '../../support/engines';
import { serveOnPort, type ServedService } from '../support/servedService';
import { startTestService, type TestService } from '../support/testService';
import { startGovernanceService, type GovernanceService } from './governanceService';

describeEachEngine('one pending release per version and environment', (engine) => {
  let a: GovernanceService;
  let b: TestService;
  let portA: ServedService;
  let portB: ServedService;

  /** v1.0.0 ready for production (only the approvals gate open), on two replicas of one database, each on a port; B's callers use A's tokens. */
  beforeEach(async () => {
    a = await startGovernanceService(engine);
    b = await startTestService({ engine, databaseUrl: a.databaseUrl, clock: () => a.now });
    portA = await serveOnPort(a);
    portB = await serveOnPort(b);
    await a.registerVersion('v1.0.0');
    await a.deployed('v1.0.0', 'development');
    await a.deployed('v1.0.0', 'staging');
    await a.smokeTested('v1.0.0');
  });
  afterEach(async () => {
    await portB.close();
    await portA.close();
  });

  const pendingIn = async (environment: string) =>
    (await a.deps.db.execute({ sql: `SELECT id FROM releases WHERE environment = ? AND status = 'pending'`, args: [environment] })).rows.map((row) => String(row.id));

  it('refuses a second request of the version while the first waits (409 naming it), and accepts one once it is decided', async () => {
    const first = await portA.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'production' });
    assert.deepEqual([first.status, first.body.status, first.body.approval], [202, 'pending', 'waiting'], first.text);

    const again = await portA.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'production' }, a.tokens.carol);
    assert.equal(again.status, 409, again.text);
    assert.deepEqual(again.body.error, {
      code: 'release_pending',
      message: `release ${first.body.id} of v1.0.0 to production waits for approval: decide that one instead of requesting another`,
      details: { environment: 'production', version: 'v1.0.0', releaseId: first.body.id },
    });
    // A promotion of the same version is the same request by another road.
    const promoted = await portB.call('POST', '/api/environments/production/promote', {}, a.adminToken);
    assert.deepEqual([promoted.status, promoted.body.error.code, promoted.body.error.details.releaseId], [409, 'release_pending', first.body.id]);
    assert.deepEqual(await pendingIn('production'), [first.body.id]);
    const approvalsRequested = (await a.audit('approval.requested')).filter((event) => event.environment === 'production');
    assert.equal(approvalsRequested.length, 1, 'the refused requests wrote nothing');

    const rejected = await portA.call('POST', `/api/releases/${first.body.id}/approvals`, { decision: 'reject', comment: 'not today' }, a.tokens.alice);
    assert.equal(rejected.status, 200, rejected.text);
    const next = await portB.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'production' }, a.adminToken);
    assert.deepEqual([next.status, next.body.status], [202, 'pending'], next.text);
  });

  it('lets exactly one of two simultaneous requests on two replicas wait, round after round', async () => {
    for (let round = 0; round < 5; round += 1) {
      const answers = await Promise.all([
        portA.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'production' }),
        portB.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'production' }, a.adminToken),
      ]);
      assert.deepEqual(answers.map((answer) => answer.status).sort(), [202, 409], answers.map((answer) => answer.text).join('\n'));
      const accepted = answers.find((answer) => answer.status === 202)!;
      const refused = answers.find((answer) => answer.status === 409)!;
      assert.equal(refused.body.error.details.releaseId, accepted.body.id);
      assert.deepEqual(await pendingIn('production'), [accepted.body.id]);
      const rejected = await portA.call('POST', `/api/releases/${accepted.body.id}/approvals`, { decision: 'reject', comment: `round ${round}` }, a.tokens.bob);
      assert.equal(rejected.status, 200, rejected.text);
    }
  });
});

describeEachEngine('migration 50 on a database where one version already waited twice', (engine) => {
  it('keeps both waiting releases as they were, and refuses a third', async () => {
    const location = await engine.freshDatabase();
    const db = await openDatabase(location.url);
    try {
      await migrate(
        db,
        allMigrations.filter((migration) => migration.id < 50),
      );
      const insertPending = (id: string) =>
        db.execute({
          sql: `INSERT INTO releases (id, version, environment, kind, status, approval, requested_by, requested_by_id, requested_at, gates)
              VALUES (?, 'v1.0.0', 'production', 'deploy', 'pending', 'waiting', 'admin', 'u1', '2026-01-01T00:00:00Z', '[]')`,
          args: [id],
        });
      await insertPending('first');
      await insertPending('second');

      assert.deepEqual(
        await migrate(
          db,
          allMigrations.filter((migration) => migration.id <= 50),
        ),
        [50],
      );
      const rows = await db.execute(`SELECT id, status, duplicate_pending FROM releases ORDER BY seq`);
      assert.deepEqual(
        rows.rows.map((row) => [row.id, row.status, Number(row.duplicate_pending)]),
        [
          ['first', 'pending', 0],
          ['second', 'pending', 1],
        ],
      );
      await assert.rejects(insertPending('third'), /unique/i);
    } finally {
      await db.close();
      await location.remove();
    }
  });
});
