import assert from 'node:assert/strict';
import { expireOverdueApprovals } from '../../../server/approvals/expireApprovals';
import { describeEachEngine } from '../../support/engines';
import { startTestGateway, type TestGateway } from '../support/testGateway';
import { startGovernanceService, type GovernanceService } from './governanceService';

const evaluation = [{ suite: 'claims-routing', metrics: { accuracy: { min: 0.9, maxDrop: 0.02 } } }];
/** While it is in force an approved release waits (it began after the request, so nothing refused it). */
const lateMorningFreeze = { start: '2026-03-02T10:30', end: '2026-03-02T12:00', timeZone: 'UTC', reason: 'quarter close' };

describeEachEngine('approvals bound to what was approved: gates checked again before deploying (PRODUCT.md §6–7)', (engine) => {
  let service: GovernanceService;
  let gateway: TestGateway;

  beforeEach(async () => {
    service = await startGovernanceService(engine);
    gateway = await startTestGateway();
    const production = (await service.call('GET', '/api/environments/production')).body;
    const configured = await service.call('PUT', '/api/environments/production', { gates: { ...production.gates, evaluation }, gateways: [gateway.url] });
    assert.equal(configured.status, 200, configured.text);
    // v1.0.0 runs in production with accuracy 0.95: the baseline of maxDrop.
    await readyForProduction('v1.0.0', 0.95);
    const first = await requestProduction('v1.0.0');
    await approve(first.id, service.tokens.alice);
    await approve(first.id, service.tokens.bob);
    await service.deps.tasks.idle();
    assert.equal((await release(first.id)).status, 'succeeded');
    await readyForProduction('v1.1.0', 0.96);
  });
  afterEach(async () => {
    await service.close();
    await gateway.close();
  });

  async function readyForProduction(tag: string, accuracy: number) {
    await service.registerVersion(tag);
    await service.deployed(tag, 'development');
    await service.deployed(tag, 'staging');
    await service.smokeTested(tag);
    await reportAccuracy(tag, accuracy);
  }

  async function reportAccuracy(tag: string, accuracy: number) {
    const reported = await service.call('POST', `/api/versions/${tag}/evaluations`, { suite: 'claims-routing', metrics: { accuracy } }, service.tokens.dave);
    assert.equal(reported.status, 201, reported.text);
  }

  async function requestProduction(tag: string) {
    const held = await service.call('POST', '/api/releases', { version: tag, environment: 'production' });
    assert.equal(held.status, 202, held.text);
    return held.body;
  }

  const decide = (id: string, token: string, decision: 'approve' | 'reject' = 'approve') => service.call('POST', `/api/releases/${id}/approvals`, { decision }, token);

  async function approve(id: string, token: string) {
    const decided = await decide(id, token);
    assert.equal(decided.status, 200, decided.text);
    return decided.body;
  }

  const release = async (id: string) => (await service.call('GET', `/api/releases/${id}`)).body;

  /** v1.1.0 requested, then approved by alice and bob while a freeze holds it: approved, not started. */
  async function approvedDuringFreeze() {
    const held = await requestProduction('v1.1.0');
    await approve(held.id, service.tokens.alice);
    assert.equal((await service.call('PUT', '/api/environments/production', { freezeWindows: [lateMorningFreeze] })).status, 200);
    service.now = new Date('2026-03-02T10:45:00Z');
    const second = await approve(held.id, service.tokens.bob);
    assert.deepEqual([second.state, second.release.status], ['approved', 'pending']);
    return held.id as string;
  }

  it('records the content hash and the gate verdicts each approval was given on, in the API and the audit', async () => {
    const contentHash = (await service.call('GET', '/api/versions/v1.1.0')).body.contentHash;
    const id = await approvedDuringFreeze();
    const approvals = (await release(id)).approvals;
    assert.deepEqual(
      approvals.map((a: any) => [a.user, a.decision, a.contentHash]),
      [
        ['alice', 'approve', contentHash],
        ['bob', 'approve', contentHash],
      ],
    );
    const given = approvals[1].gates;
    assert.deepEqual(
      given.map((g: any) => [g.gate, g.passed]),
      [
        ['validation', true],
        ['promotion-order', true],
        ['required-checks', true],
        ['semver-policy', true],
        ['evaluation', true],
      ],
    );
    assert.equal(given.find((g: any) => g.gate === 'evaluation').reason, '1 metric within bounds against v1.0.0: claims-routing accuracy 0.96 (+0.01)');
    const granted = (await service.audit('approval.granted')).filter((event) => event.releaseId === id);
    assert.deepEqual(
      granted.map((event) => [event.actor, event.details.contentHash, event.details.gates.length]),
      [
        ['alice', contentHash, 5],
        ['bob', contentHash, 5],
      ],
    );
    assert.deepEqual(granted[1]!.details.gates, given);
  });

  it('does not deploy a release approved by two reviewers whose evaluation regressed before it started: the approvals are invalidated, the audit says why, and it waits again', async () => {
    const id = await approvedDuringFreeze();
    service.now = new Date('2026-03-02T10:50:00Z');
    await reportAccuracy('v1.1.0', 0.9);
    const recheck = await service.call('GET', `/api/releases/${id}/gates`);
    assert.equal(recheck.status, 200, recheck.text);
    assert.deepEqual(recheck.body.changes, [
      {
        gate: 'evaluation',
        before: '1 metric within bounds against v1.0.0: claims-routing accuracy 0.96 (+0.01)',
        after: 'claims-routing: accuracy dropped 0.05 from 0.95 (v1.0.0, active in production), more than maxDrop 0.02',
      },
    ]);

    // The freeze ends; the sweeper would start the approved release — and checks its gates first.
    service.now = new Date('2026-03-02T12:30:00Z');
    const sweep = await expireOverdueApprovals(service.deps);
    assert.deepEqual(sweep.started, []);
    await service.deps.tasks.idle();
    const waiting = await release(id);
    assert.deepEqual([waiting.status, waiting.approval, waiting.startedAt, waiting.approvals], ['pending', 'waiting', null, []]);
    const reason =
      'gates changed after approval: evaluation: claims-routing: accuracy dropped 0.05 from 0.95 (v1.0.0, active in production), more than maxDrop 0.02 (it passed before)';
    assert.deepEqual(
      waiting.invalidatedApprovals.map((a: any) => [a.user, a.decision, a.invalidatedAt, a.reason]),
      [
        ['alice', 'approve', '2026-03-02T12:30:00.000Z', reason],
        ['bob', 'approve', '2026-03-02T12:30:00.000Z', reason],
      ],
    );
    assert.equal(waiting.invalidatedApprovals[0].gates.find((g: any) => g.gate === 'evaluation').passed, true, 'what it was given on is kept');
    assert.equal((await service.call('GET', '/api/environments/production')).body.activeVersion, 'v1.0.0');
    assert.equal(gateway.received.filter((activation) => activation.version === 'v1.1.0').length, 0, 'the gateway never saw v1.1.0');
    assert.equal((await service.audit('deployment.started')).filter((event) => event.releaseId === id).length, 0);

    const [invalidated] = (await service.audit('approval.invalidated')).filter((event) => event.releaseId === id);
    assert.ok(invalidated, 'approval.invalidated was audited');
    assert.deepEqual([invalidated.actor, invalidated.environment, invalidated.version, invalidated.outcome], ['system', 'production', 'v1.1.0', 'waiting']);
    assert.equal(invalidated.details.reason, reason);
    assert.deepEqual(
      invalidated.details.changes.map((c: any) => c.gate),
      ['evaluation'],
    );
    assert.deepEqual(
      invalidated.details.invalidated.map((d: any) => [d.user, d.decision]),
      [
        ['alice', 'approve'],
        ['bob', 'approve'],
      ],
    );
    assert.equal(invalidated.details.onGateChange, 'reapprove');
    assert.ok(service.events.some((event) => event.type === 'approval.updated' && event.data.releaseId === id && event.data.state === 'waiting'));

    // Approving again is refused while the evaluation fails; a rejection is still taken.
    const refused = await decide(id, service.tokens.alice);
    assert.deepEqual([refused.status, refused.body.error.code], [409, 'gates_changed']);
    assert.match(refused.body.error.message, /accuracy dropped 0\.05 from 0\.95/);
    assert.deepEqual(
      refused.body.error.details.changes.map((c: any) => c.gate),
      ['evaluation'],
    );

    // A good result again: the reviewers decide again, the release starts and deploys.
    await reportAccuracy('v1.1.0', 0.96);
    assert.deepEqual((await service.call('GET', `/api/releases/${id}/gates`)).body.changes, []);
    await approve(id, service.tokens.alice);
    const restarted = await approve(id, service.tokens.bob);
    assert.equal(restarted.state, 'approved');
    // Started: the deploy runs in the background and may already have finished when the answer is read.
    assert.ok(['in-progress', 'succeeded'].includes(restarted.release.status), restarted.release.status);
    await service.deps.tasks.idle();
    const deployed = await release(id);
    assert.deepEqual([deployed.status, deployed.approvals.length, deployed.invalidatedApprovals.length], ['succeeded', 2, 2]);
    assert.equal((await service.call('GET', '/api/environments/production')).body.activeVersion, 'v1.1.0');
    assert.equal((await service.call('GET', `/api/releases/${id}/gates`)).status, 409);
  });

  it("fails the release instead when the environment's policy says onGateChange: fail", async () => {
    const policy = (await service.call('GET', '/api/environments/production')).body.approvalPolicy;
    assert.equal(policy.onGateChange, 'reapprove', 'the default waits again');
    const changed = await service.call('PUT', '/api/environments/production', { approvalPolicy: { ...policy, onGateChange: 'fail' } });
    assert.equal(changed.status, 200, changed.text);
    assert.equal((await service.call('PUT', '/api/environments/production', { approvalPolicy: { ...policy, onGateChange: 'later' } })).status, 400);

    const id = await approvedDuringFreeze();
    await reportAccuracy('v1.1.0', 0.85);
    service.now = new Date('2026-03-02T12:30:00Z');
    await expireOverdueApprovals(service.deps);
    const failed = await release(id);
    assert.deepEqual([failed.status, failed.approval, failed.finishedAt], ['failed', 'rejected', '2026-03-02T12:30:00.000Z']);
    assert.match(
      failed.reason,
      /^approvals invalidated: gates changed after approval: evaluation: claims-routing: accuracy 0\.85 is below the minimum 0\.9; claims-routing: accuracy dropped 0\.1 from 0\.95/,
    );
    assert.equal(failed.invalidatedApprovals.length, 2);
    const invalidated = (await service.audit('approval.invalidated')).at(-1)!;
    assert.deepEqual([invalidated.outcome, invalidated.details.onGateChange], ['failed', 'fail']);
    assert.equal((await decide(id, service.tokens.erin)).body.error.code, 'approval_closed');
  });

  it('checks against the version active when the release starts: a release approved while another held the lock is not deployed once that one made it a regression', async () => {
    // v1.2.0 is better than both; v1.1.0 (0.96) is requested and approved while v1.2.0 (0.99) deploys slowly.
    await readyForProduction('v1.2.0', 0.99);
    const faster = await requestProduction('v1.2.0');
    const slower = await requestProduction('v1.1.0');
    gateway.enqueue({ kind: 'slow', ms: 800 });
    await approve(faster.id, service.tokens.alice);
    await approve(faster.id, service.tokens.bob);
    assert.equal((await release(faster.id)).status, 'in-progress');
    await approve(slower.id, service.tokens.alice);
    const queued = await approve(slower.id, service.tokens.carol);
    assert.deepEqual([queued.state, queued.release.status], ['approved', 'pending'], 'the lock is held: it waits for the sweeper');
    await service.deps.tasks.idle();
    assert.equal((await service.call('GET', '/api/environments/production')).body.activeVersion, 'v1.2.0');

    const sweep = await expireOverdueApprovals(service.deps);
    assert.deepEqual(sweep.started, []);
    const waiting = await release(slower.id);
    assert.deepEqual([waiting.status, waiting.approval, waiting.invalidatedApprovals.map((a: any) => a.user)], ['pending', 'waiting', ['alice', 'carol']]);
    assert.match(waiting.invalidatedApprovals[0].reason, /accuracy dropped 0\.03 from 0\.99 \(v1\.2\.0, active in production\), more than maxDrop 0\.02/);
    assert.equal((await service.call('GET', '/api/environments/production')).body.activeVersion, 'v1.2.0');
  });
});
