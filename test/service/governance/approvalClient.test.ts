import assert from 'node:assert/strict';
import { ForgeApiError } from '../../../client/forgeApiError';
import { serveOnPort, type ServedService } from '../support/servedService';
import { startGovernanceService, type GovernanceService } from './governanceService';
import { describeEachEngine } from '../../support/engines';

describeEachEngine('the typed client for approvals and break-glass over a real port', (engine) => {
  let service: GovernanceService;
  let server: ServedService;
  const client = (token: string) => server.clientFor(token);

  beforeEach(async () => {
    service = await startGovernanceService(engine, '2026-03-06T16:00:00Z');
    server = await serveOnPort(service);
    await service.registerVersion('v1.0.0');
    await service.deployed('v1.0.0', 'development');
    await service.deployed('v1.0.0', 'staging');
    await service.smokeTested('v1.0.0');
  });
  afterEach(async () => server.close());

  it('deploys to production, lists the waiting approval and decides it, every answer parsed by the core contracts', async () => {
    const admin = client(service.adminToken);
    const dry = await admin.dryRun('v1.0.0', 'production');
    assert.deepEqual([dry.wouldPass, dry.needsApproval], [true, true]);
    const held = await admin.promote('production');
    assert.deepEqual([held.kind, held.status, held.approval], ['promote', 'pending', 'waiting']);

    const alice = client(service.tokens.alice);
    const waiting = await alice.listApprovals({ status: 'waiting' });
    assert.deepEqual(
      waiting.items.map((a) => [a.releaseId, a.approvals, a.required, a.canDecide]),
      [[held.id, 0, 2, true]],
    );
    assert.equal((await alice.decideApproval(held.id, { decision: 'approve', comment: 'ok' })).approvals, 1);
    await assert.rejects(
      alice.decideApproval(held.id, { decision: 'approve' }),
      (error: unknown) => error instanceof ForgeApiError && error.status === 409 && error.code === 'already_decided',
    );
    await assert.rejects(
      admin.decideApproval(held.id, { decision: 'approve' }),
      (error: unknown) => error instanceof ForgeApiError && error.status === 403 && error.code === 'self_approval',
    );

    const approved = await client(service.tokens.carol).decideApproval(held.id, { decision: 'approve' });
    assert.equal(approved.state, 'approved');
    assert.equal((await admin.waitForRelease(held.id, { intervalMs: 20, timeoutMs: 20_000 })).status, 'succeeded');
    assert.equal((await admin.getApproval(held.id)).state, 'approved');
  });

  it('sends a break-glass override with deploy and rollback', async () => {
    await service.call('PUT', '/api/environments/development', {
      freezeWindows: [{ kind: 'weekly', days: ['fri'], start: '16:00', end: '23:59', timeZone: 'Europe/Berlin', reason: 'no Friday deploys' }],
    });
    await service.registerVersion('v1.1.0');
    const admin = client(service.adminToken);
    await assert.rejects(admin.deploy('v1.1.0', 'development'), (error: unknown) => error instanceof ForgeApiError && error.code === 'gate_failed');
    const deployed = await admin.deploy('v1.1.0', 'development', { override: { reason: 'incident 7' } });
    assert.equal((await admin.waitForRelease(deployed.id, { intervalMs: 20, timeoutMs: 20_000 })).status, 'succeeded');
    const rolledBack = await admin.rollback('development', { reason: 'undo', override: { reason: 'incident 7' } });
    assert.equal((await admin.waitForRelease(rolledBack.id, { intervalMs: 20, timeoutMs: 20_000 })).status, 'succeeded');
    await assert.rejects(
      client(service.tokens.alice).deploy('v1.1.0', 'development', { override: { reason: 'x' } }),
      (error: unknown) => error instanceof ForgeApiError && error.status === 403,
    );
  });
});
