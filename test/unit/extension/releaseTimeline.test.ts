import assert from 'node:assert/strict';
import type { Approval } from '../../../core/api/approval';
import type { Release } from '../../../core/api/release';
import { gateViews } from '../../../extension/releaseDetails/gateViews';
import { releaseTimeline } from '../../../extension/releaseDetails/releaseTimeline';

const policy = { reviewers: ['role:maintainer', 'role:admin'], required: 2, timeoutMinutes: 1440, onGateChange: 'reapprove' as const };

function release(overrides: Partial<Release>): Release {
  return {
    id: 'r1',
    version: 'v1.1.0',
    environment: 'production',
    kind: 'promote',
    status: 'pending',
    approval: 'waiting',
    reason: null,
    previousVersion: null,
    requestedBy: 'admin',
    requestedAt: '2026-12-01T10:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    gates: [
      { gate: 'validation', passed: true, reason: 'all 7 artifacts validate' },
      { gate: 'approvals', passed: true, awaitsApproval: true, reason: 'waiting for 2 more approvals (0 of 2)' },
    ],
    approvals: [],
    invalidatedApprovals: [],
    verification: null,
    gateways: [],
    ...overrides,
  };
}

function approval(state: Approval['state'], approvals: number, of: Release): Approval {
  return {
    releaseId: of.id,
    environment: of.environment,
    version: of.version,
    requestedBy: of.requestedBy,
    requestedAt: of.requestedAt,
    state,
    approvals,
    required: 2,
    policy,
    expiresAt: '2026-12-02T10:00:00.000Z',
    canDecide: false,
    refusal: null,
    release: of,
  };
}

const steps = (timeline: ReturnType<typeof releaseTimeline>) => Object.fromEntries(timeline.map((step) => [step.id, step.state]));

describe('the release timeline and live gate verdicts', () => {
  it('the gateways step tells what each gateway did: planners published and removed, what Marie was not sent, a restore after a failure', () => {
    const failedRelease = release({
      status: 'failed',
      approval: 'approved',
      startedAt: '2026-12-01T12:00:00.000Z',
      finishedAt: '2026-12-01T12:00:03.000Z',
      reason: 'gateway activation failed',
      gateways: [
        {
          url: 'http://marie-1:51000',
          type: 'marie',
          version: 'v1.1.0',
          outcome: 'published',
          published: ['claims-intake', 'claims-fraud-review'],
          removed: ['claims-legacy'],
          detail: 'verified',
          notSent: ['agent/fraud-analyst'],
          restore: { version: 'v1.0.0', outcome: 'published', published: ['claims-intake'], removed: [], detail: 'verified' },
        },
        {
          url: 'http://marie-2:51000',
          type: 'marie',
          version: 'v1.1.0',
          outcome: 'failed',
          published: [],
          removed: [],
          detail: 'answered 400',
          notSent: [],
          restore: null,
        },
      ],
    });
    const step = releaseTimeline(failedRelease, null, [], { activeVersion: 'v1.0.0', gateways: 2 }).find((s) => s.id === 'gateways')!;
    assert.equal(step.state, 'failed');
    assert.equal(step.title, 'Gateways (2)');
    assert.equal(
      step.detail,
      'http://marie-1:51000 published 2, removed claims-legacy, not sent 1 (Marie takes workflows only), restored v1.0.0: ok; http://marie-2:51000 failed: answered 400',
    );
  });

  it('a release waiting for reviewers: gates done, approvals current with the count, nothing deployed yet', () => {
    const waiting = release({ approvals: [{ user: 'rita', decision: 'approve', comment: 'ok', at: '2026-12-01T11:00:00.000Z', contentHash: null, gates: null }] });
    const process = approval('waiting', 1, waiting);
    const gates = gateViews(waiting, process);
    assert.deepEqual(
      gates.find((gate) => gate.gate === 'approvals'),
      { gate: 'approvals', verdict: 'waiting', reason: '1 of 2 approvals so far, from role:maintainer or role:admin' },
    );
    const timeline = releaseTimeline(waiting, process, gates, { activeVersion: 'v1.0.0', gateways: 2 });
    assert.deepEqual(steps(timeline), { requested: 'done', gates: 'done', approvals: 'current', deploying: 'upcoming', gateways: 'upcoming', active: 'upcoming' });
    assert.match(timeline.find((step) => step.id === 'approvals')!.detail!, /^1 of 2 approvals/);
  });

  it('once approved and deployed, the approvals gate passes (it no longer says "0 of 2") and every step is done', () => {
    const done = release({
      status: 'succeeded',
      approval: 'approved',
      startedAt: '2026-12-01T12:00:00.000Z',
      finishedAt: '2026-12-01T12:00:02.000Z',
      previousVersion: 'v1.0.0',
    });
    const gates = gateViews(done, approval('approved', 2, done));
    assert.deepEqual(
      gates.map((gate) => gate.verdict),
      ['passed', 'passed'],
    );
    assert.equal(gates[1]!.reason, 'approved: 2 of 2 approvals');
    const timeline = releaseTimeline(done, approval('approved', 2, done), gates, { activeVersion: 'v1.1.0', gateways: 2 });
    assert.deepEqual(steps(timeline), { requested: 'done', gates: 'done', approvals: 'done', deploying: 'done', gateways: 'done', active: 'done' });
    assert.equal(timeline.at(-1)!.detail, 'v1.1.0 became active in production');
  });

  it('a rejection fails the approvals step, skips the deploy and keeps the previous version active', () => {
    const rejected = release({
      status: 'failed',
      approval: 'rejected',
      reason: 'rejected by sam: breaks invoices',
      previousVersion: 'v1.0.0',
      finishedAt: '2026-12-01T12:00:00.000Z',
    });
    const gates = gateViews(rejected, approval('rejected', 0, rejected));
    assert.deepEqual(gates[1], { gate: 'approvals', verdict: 'failed', reason: 'rejected by sam: breaks invoices' });
    const timeline = releaseTimeline(rejected, approval('rejected', 0, rejected), gates, { activeVersion: 'v1.0.0', gateways: 0 });
    assert.deepEqual(steps(timeline), { requested: 'done', gates: 'done', approvals: 'failed', deploying: 'skipped', gateways: 'skipped', active: 'failed' });
    assert.equal(timeline.at(-1)!.detail, 'v1.0.0 stays active');
  });

  it('a development deploy needs no approval, and a succeeded release replaced since says by what', () => {
    const dev = release({
      environment: 'development',
      kind: 'deploy',
      approval: 'not-required',
      status: 'succeeded',
      startedAt: '2026-12-01T10:00:01.000Z',
      finishedAt: '2026-12-01T10:00:02.000Z',
      gates: [{ gate: 'validation', passed: true, reason: 'ok' }],
    });
    const timeline = releaseTimeline(dev, null, gateViews(dev, null), { activeVersion: 'v1.2.0', gateways: 0 });
    assert.equal(timeline.find((step) => step.id === 'approvals')!.state, 'skipped');
    assert.equal(timeline.at(-1)!.detail, 'v1.1.0 became active in development — replaced since by v1.2.0');
  });
});
