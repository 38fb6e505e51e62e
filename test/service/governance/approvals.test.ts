import assert from 'node:assert/strict';
import { startApprovalSweeper } from '../../../server/approvals/approvalSweeper';
import { expireOverdueApprovals } from '../../../server/approvals/expireApprovals';
import { flushAccessWindows } from '../../../server/audit/accessWindows';
import { ServiceConfigError, serviceOptions } from '../../../server/main';
import { startGovernanceService, type GovernanceService } from './governanceService';
import { describeEachEngine } from '../../support/engines';

describeEachEngine('approvals over HTTP (PRODUCT.md §7)', (engine) => {
  let service: GovernanceService;

  /** v1.0.0 through development and staging, smoke-tested: production's only open gate is approvals. */
  beforeEach(async () => {
    service = await startGovernanceService(engine);
    await service.registerVersion('v1.0.0');
    await service.deployed('v1.0.0', 'development');
    await service.deployed('v1.0.0', 'staging');
    await service.smokeTested('v1.0.0');
  });
  afterEach(async () => service.close());

  async function requestProduction(tag = 'v1.0.0', token = service.adminToken) {
    const held = await service.call('POST', '/api/releases', { version: tag, environment: 'production' }, token);
    assert.equal(held.status, 202, held.text);
    return held.body;
  }

  const decide = (id: string, token: string, decision: 'approve' | 'reject', comment?: string) =>
    service.call('POST', `/api/releases/${id}/approvals`, { decision, ...(comment ? { comment } : {}) }, token);

  it('holds a production release pending without the lock; 2 of 3 reviewers approving starts it and it succeeds', async () => {
    const held = await requestProduction();
    assert.deepEqual([held.status, held.approval, held.startedAt], ['pending', 'waiting', null]);
    assert.deepEqual(
      held.gates.find((g: any) => g.gate === 'approvals'),
      {
        gate: 'approvals',
        passed: true,
        awaitsApproval: true,
        reason: 'waiting for 2 more approvals (0 of 2) until 2026-03-03T10:00:00.000Z from role:maintainer or role:admin',
      },
    );
    assert.equal(await lockHolders(), 0);
    assert.match(await (await service.app.request('/metrics')).text(), /forge_pending_approvals 1/);

    const first = await decide(held.id, service.tokens.alice, 'approve', 'looks good');
    assert.equal(first.status, 200, first.text);
    assert.deepEqual([first.body.state, first.body.approvals, first.body.required, first.body.release.status], ['waiting', 1, 2, 'pending']);
    assert.equal(first.body.refusal, 'already_decided');

    const second = await decide(held.id, service.tokens.carol, 'approve');
    assert.equal(second.status, 200, second.text);
    assert.deepEqual([second.body.state, second.body.approvals, second.body.release.status, second.body.release.approval], ['approved', 2, 'in-progress', 'approved']);
    await service.deps.tasks.idle();
    const finished = (await service.call('GET', `/api/releases/${held.id}`)).body;
    assert.equal(finished.status, 'succeeded');
    assert.deepEqual(
      finished.approvals.map((a: any) => [a.user, a.decision, a.comment]),
      [
        ['alice', 'approve', 'looks good'],
        ['carol', 'approve', null],
      ],
    );
    assert.equal((await service.call('GET', '/api/environments/production')).body.activeVersion, 'v1.0.0');

    // The third reviewer comes too late: the approval is closed.
    const third = await decide(held.id, service.tokens.bob, 'approve');
    assert.deepEqual([third.status, third.body.error.code], [409, 'approval_closed']);

    const requested = (await service.audit('approval.requested')).at(-1)!;
    assert.deepEqual([requested.actor, requested.releaseId, requested.outcome], ['admin', held.id, 'waiting']);
    assert.deepEqual(requested.details, {
      reviewers: ['role:maintainer', 'role:admin'],
      required: 2,
      timeoutMinutes: 1440,
      deadline: '2026-03-03T10:00:00.000Z',
    });
    const granted = await service.audit('approval.granted');
    assert.deepEqual(
      granted.map((e) => [e.actor, e.outcome, e.details.count, e.details.required, e.details.comment]),
      [
        ['alice', 'waiting', 1, 2, 'looks good'],
        ['carol', 'approved', 2, 2, null],
      ],
    );
    const started = (await service.audit('deployment.started')).filter((e) => e.releaseId === held.id);
    assert.deepEqual(
      started.map((e) => [e.actor, e.outcome, e.details.kind, e.details.artifactCount]),
      [['admin', 'in-progress', 'deploy', 1]],
    );
    const completed = (await service.audit('deployment.completed')).filter((e) => e.releaseId === held.id);
    assert.equal(completed.length, 1);
    assert.equal(completed[0]!.outcome, 'succeeded');
    assert.deepEqual(
      completed[0]!.details.artifacts.map((a: any) => a.name),
      ['intake'],
    );
    assert.ok(service.events.some((e) => e.type === 'approval.updated' && e.data.releaseId === held.id && e.data.state === 'approved'));
    assert.ok(service.events.some((e) => e.type === 'release.updated' && e.data.id === held.id && e.data.status === 'pending'));
  });

  it("refuses the requester's own decision (403 self_approval) and a non-reviewer (403 not_reviewer)", async () => {
    const held = await requestProduction('v1.0.0', service.tokens.carol);
    const own = await decide(held.id, service.tokens.carol, 'approve');
    assert.deepEqual([own.status, own.body.error.code], [403, 'self_approval']);
    const developer = await decide(held.id, service.tokens.dave, 'approve');
    assert.deepEqual([developer.status, developer.body.error.code], [403, 'not_reviewer']);
    // Who the user is is checked before the body: a malformed decision by a non-reviewer is still 403.
    const malformed = await service.call('POST', `/api/releases/${held.id}/approvals`, { decision: 'maybe' }, service.tokens.dave);
    assert.equal(malformed.status, 403);
    const badBody = await service.call('POST', `/api/releases/${held.id}/approvals`, { decision: 'maybe' }, service.tokens.alice);
    assert.equal(badBody.status, 400);
    const unknown = await decide('no-such-release', service.tokens.alice, 'approve');
    assert.equal(unknown.status, 404);
    assert.equal((await service.call('POST', `/api/releases/${held.id}/approvals`, { decision: 'approve' }, null)).status, 401);
    const still = (await service.call('GET', `/api/releases/${held.id}/approvals`, undefined, service.tokens.carol)).body;
    assert.deepEqual([still.state, still.approvals, still.canDecide, still.refusal], ['waiting', 0, false, 'self_approval']);
    assert.equal((await service.audit('approval.granted')).length, 0);
  });

  it('counts a reviewer once: a second decision is 409 already_decided and changes nothing', async () => {
    const held = await requestProduction();
    assert.equal((await decide(held.id, service.tokens.alice, 'approve')).status, 200);
    const again = await decide(held.id, service.tokens.alice, 'approve');
    assert.deepEqual([again.status, again.body.error.code], [409, 'already_decided']);
    const flip = await decide(held.id, service.tokens.alice, 'reject');
    assert.deepEqual([flip.status, flip.body.error.code], [409, 'already_decided']);
    const approval = (await service.call('GET', `/api/releases/${held.id}/approvals`, undefined, service.tokens.bob)).body;
    assert.deepEqual([approval.state, approval.approvals, approval.release.status, approval.canDecide], ['waiting', 1, 'pending', true]);
    assert.equal(approval.release.approvals.length, 1);
  });

  it('fails the release on one rejection, naming who rejected it; later decisions are refused', async () => {
    const held = await requestProduction();
    assert.equal((await decide(held.id, service.tokens.alice, 'approve')).status, 200);
    const rejected = await decide(held.id, service.tokens.bob, 'reject', 'breaks invoices');
    assert.equal(rejected.status, 200, rejected.text);
    assert.deepEqual([rejected.body.state, rejected.body.release.status, rejected.body.release.approval], ['rejected', 'failed', 'rejected']);
    assert.equal(rejected.body.release.reason, 'rejected by bob: breaks invoices');
    assert.equal((await decide(held.id, service.tokens.carol, 'approve')).body.error.code, 'approval_closed');
    assert.equal((await service.call('GET', '/api/environments/production')).body.activeVersion, null);
    const denied = await service.audit('approval.denied');
    assert.deepEqual(
      denied.map((e) => [e.actor, e.releaseId, e.outcome, e.details.comment]),
      [['bob', held.id, 'rejected', 'breaks invoices']],
    );
    assert.equal((await service.audit('deployment.started')).filter((e) => e.releaseId === held.id).length, 0);
  });

  it('expires an approval past its timeout (injected clock, sweeper): release failed, approval expired, audited by system', async () => {
    const held = await requestProduction();
    assert.equal((await decide(held.id, service.tokens.alice, 'approve')).status, 200);
    service.now = new Date('2026-03-03T09:59:00Z');
    assert.deepEqual(await expireOverdueApprovals(service.deps), { expired: [], started: [] });
    service.now = new Date('2026-03-03T10:00:00Z');
    assert.deepEqual(await expireOverdueApprovals(service.deps), { expired: [held.id], started: [] });

    const release = (await service.call('GET', `/api/releases/${held.id}`)).body;
    assert.deepEqual([release.status, release.approval], ['failed', 'expired']);
    assert.equal(release.reason, 'expired at 2026-03-03T10:00:00.000Z with 1 of 2 required approvals');
    const expired = await service.audit('approval.expired');
    assert.deepEqual(
      expired.map((e) => [e.actor, e.releaseId, e.environment, e.version, e.outcome]),
      [['system', held.id, 'production', 'v1.0.0', 'expired']],
    );
    assert.deepEqual(expired[0]!.details, { required: 2, count: 1, deadline: '2026-03-03T10:00:00.000Z' });
    assert.equal((await decide(held.id, service.tokens.bob, 'approve')).body.error.code, 'approval_closed');
    assert.deepEqual(await expireOverdueApprovals(service.deps), { expired: [], started: [] });
    assert.match(await (await service.app.request('/metrics')).text(), /forge_pending_approvals 0/);
    assert.ok(service.events.some((e) => e.type === 'approval.updated' && e.data.releaseId === held.id && e.data.state === 'expired'));
  });

  it('expires at once a release whose deadline passed when a late decision arrives before the sweeper', async () => {
    const held = await requestProduction();
    service.now = new Date('2026-03-03T10:00:00Z');
    const late = await decide(held.id, service.tokens.alice, 'approve');
    assert.deepEqual([late.status, late.body.error.code, late.body.error.details.state], [409, 'approval_closed', 'expired']);
    const release = (await service.call('GET', `/api/releases/${held.id}`)).body;
    assert.deepEqual([release.status, release.approval, release.approvals], ['failed', 'expired', []]);
    assert.equal((await service.audit('approval.expired')).length, 1);
  });

  it('runs the sweeper in the background on its interval until stopped', async () => {
    const held = await requestProduction();
    const sweeper = startApprovalSweeper(service.deps, 20);
    try {
      service.now = new Date('2026-03-03T10:00:01Z');
      const deadline = Date.now() + 15_000;
      while ((await service.call('GET', `/api/releases/${held.id}`)).body.approval !== 'expired') {
        assert.ok(Date.now() < deadline, 'the sweeper did not expire the approval');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await sweeper.stop();
    }
    assert.equal((await service.audit('approval.expired')).length, 1);
    // The service's sweeper interval comes from FORGE_APPROVAL_SWEEP_MS.
    assert.equal(serviceOptions({}, {}).approvalSweepMs, 30_000);
    assert.equal(serviceOptions({}, { FORGE_APPROVAL_SWEEP_MS: '250' }).approvalSweepMs, 250);
    assert.throws(() => serviceOptions({}, { FORGE_APPROVAL_SWEEP_MS: '0' }), ServiceConfigError);
  });

  it('lists approval processes by state with progress, expiry and whether the caller may decide', async () => {
    const held = await requestProduction();
    await decide(held.id, service.tokens.alice, 'approve');
    const asBob = await service.call('GET', '/api/approvals?status=waiting', undefined, service.tokens.bob);
    assert.equal(asBob.status, 200, asBob.text);
    assert.equal(asBob.body.nextCursor, null);
    assert.deepEqual(
      asBob.body.items.map((a: any) => [a.releaseId, a.environment, a.version, a.requestedBy, a.approvals, a.required, a.expiresAt, a.canDecide]),
      [[held.id, 'production', 'v1.0.0', 'admin', 1, 2, '2026-03-03T10:00:00.000Z', true]],
    );
    const asDave = (await service.call('GET', '/api/approvals', undefined, service.tokens.dave)).body;
    assert.deepEqual(
      asDave.items.map((a: any) => [a.canDecide, a.refusal]),
      [[false, 'not_reviewer']],
    );
    assert.deepEqual((await service.call('GET', '/api/approvals?status=approved')).body.items, []);
    assert.equal((await service.call('GET', '/api/approvals?status=sideways')).status, 400);
    await decide(held.id, service.tokens.bob, 'reject');
    assert.deepEqual((await service.call('GET', '/api/approvals?status=waiting')).body.items, []);
    assert.deepEqual(
      (await service.call('GET', '/api/approvals?status=rejected&environment=production')).body.items.map((a: any) => a.releaseId),
      [held.id],
    );
  });

  it('records reads of production approval processes as access events of the reader', async () => {
    const held = await requestProduction();
    assert.equal((await service.call('GET', `/api/releases/${held.id}/approvals`, undefined, service.tokens.dave)).status, 200);
    assert.equal((await service.call('GET', '/api/approvals?status=waiting', undefined, service.tokens.dave)).status, 200);
    assert.equal((await service.call('GET', '/api/approvals?status=approved', undefined, service.tokens.dave)).status, 200);
    // Once the reads' access window has closed, the keeper writes it.
    await flushAccessWindows(service.deps.db, new Date(service.now.getTime() + 20 * 60_000));
    const reads = (await service.audit('access')).filter((event) => event.actor === 'dave');
    assert.deepEqual(
      reads.map((event) => [event.environment, event.details.paths.map((read: { path: string }) => read.path).sort()]),
      [['production', [`/api/releases/${held.id}/approvals`, '/api/approvals?status=waiting'].sort()]],
    );
  });

  it('a waiting release blocks neither a deploy to another environment nor a rollback of its own', async () => {
    // Two versions active in production in turn (approvals lifted for the set-up), then approvals back on.
    await service.call('PUT', '/api/environments/production', { gates: { validation: true } });
    await service.deployed('v1.0.0', 'production');
    await service.registerVersion('v1.1.0');
    await service.deployed('v1.1.0', 'production');
    await service.call('PUT', '/api/environments/production', { gates: { validation: true, approvals: true } });
    await service.registerVersion('v1.2.0');
    const waiting = await requestProduction('v1.2.0');
    assert.equal(waiting.approval, 'waiting');

    await service.deployed('v1.2.0', 'development');
    await service.deployed('v1.2.0', 'staging');
    const rollback = await service.call('POST', '/api/environments/production/rollback', { reason: 'error rate up' });
    assert.equal(rollback.status, 202, rollback.text);
    await service.deps.tasks.idle();
    assert.equal((await service.call('GET', `/api/releases/${rollback.body.id}`)).body.status, 'succeeded');
    assert.equal((await service.call('GET', '/api/environments/production')).body.activeVersion, 'v1.0.0');
    const executed = (await service.audit('rollback.executed')).at(-1)!;
    assert.deepEqual([executed.outcome, executed.details], ['succeeded', { reason: 'error rate up', restoredVersion: 'v1.0.0', fromVersion: 'v1.1.0' }]);
    assert.equal((await service.call('GET', `/api/releases/${waiting.id}`)).body.status, 'pending');
  });

  it('an approved release does not start inside a freeze declared while it waited; the sweeper starts it once the window ends', async () => {
    const held = await requestProduction();
    const window = { start: '2026-03-02T12:00', end: '2026-03-02T14:00', timeZone: 'Europe/Berlin', reason: 'quarter close' };
    assert.equal((await service.call('PUT', '/api/environments/production', { freezeWindows: [window] })).status, 200);
    service.now = new Date('2026-03-02T11:30:00Z');
    await decide(held.id, service.tokens.alice, 'approve');
    const approved = await decide(held.id, service.tokens.carol, 'approve');
    assert.deepEqual([approved.body.state, approved.body.release.status], ['approved', 'pending']);
    assert.deepEqual((await expireOverdueApprovals(service.deps)).started, []);
    assert.equal(await lockHolders(), 0);

    service.now = new Date('2026-03-02T13:00:00Z');
    assert.deepEqual((await expireOverdueApprovals(service.deps)).started, [held.id]);
    await service.deps.tasks.idle();
    assert.equal((await service.call('GET', `/api/releases/${held.id}`)).body.status, 'succeeded');
  });

  it('an approved release whose environment is busy waits for the lock and the sweeper starts it', async () => {
    const held = await requestProduction();
    // Another release holds production's lock (a process mid-deploy).
    await service.deps.db.execute({
      sql: `INSERT INTO releases (id, version, environment, kind, status, approval, requested_by, requested_by_id, requested_at, started_at, gates, owner_instance)
            VALUES ('busy', 'v1.0.0', 'production', 'deploy', 'in-progress', 'not-required', 'admin', 'x', ?, ?, '[]', ?)`,
      args: [service.now.toISOString(), service.now.toISOString(), service.deps.instance.id],
    });
    await decide(held.id, service.tokens.alice, 'approve');
    const approved = await decide(held.id, service.tokens.bob, 'approve');
    assert.deepEqual([approved.body.state, approved.body.release.status, approved.body.release.approval], ['approved', 'pending', 'approved']);
    assert.deepEqual(await expireOverdueApprovals(service.deps), { expired: [], started: [] });
    await service.deps.db.execute("UPDATE releases SET status = 'failed' WHERE id = 'busy'");
    assert.deepEqual(await expireOverdueApprovals(service.deps), { expired: [], started: [held.id] });
    await service.deps.tasks.idle();
    assert.equal((await service.call('GET', `/api/releases/${held.id}`)).body.status, 'succeeded');
  });

  async function lockHolders(): Promise<number> {
    const result = await service.deps.db.execute("SELECT COUNT(*) AS n FROM releases WHERE status = 'in-progress'");
    return Number(result.rows[0]!.n);
  }
});
