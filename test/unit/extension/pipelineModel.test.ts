import assert from 'node:assert/strict';
import type { Approval } from '../../../core/api/approval';
import type { Environment } from '../../../core/api/environment';
import type { Evaluation } from '../../../core/api/evaluation';
import type { Release } from '../../../core/api/release';
import type { Me } from '../../../core/api/user';
import type { Check, Version } from '../../../core/api/version';
import { pipelineModel, versionsNeedingChecks, versionsNeedingEvaluations } from '../../../extension/pipeline/pipelineModel';

const policy = { reviewers: ['role:maintainer', 'role:admin'], required: 2, timeoutMinutes: 1440, onGateChange: 'reapprove' as const };

function environment(name: string, tier: Environment['tier'], order: number, activeVersion: string | null, overrides: Partial<Environment> = {}): Environment {
  return {
    name,
    tier,
    order,
    purpose: '',
    stability: '',
    dataClass: '',
    activeVersion,
    lastRelease: null,
    pendingApprovals: 0,
    gateways: [],
    reconcile: 'auto',
    sync: { state: 'unknown', checkedAt: null, gateways: [] },
    gates:
      tier === 'production'
        ? { validation: true, 'promotion-order': true, 'required-checks': ['smoke-tests'], 'semver-policy': true, approvals: true }
        : { validation: true },
    approvalPolicy: tier === 'production' ? policy : null,
    freezeWindows: [],
    deployRole: tier === 'production' ? 'admin' : tier === 'staging' ? 'maintainer' : 'developer',
    databaseUrl: 'file:x',
    verification: null,
    updatedAt: '2026-12-01T00:00:00.000Z',
    ...overrides,
  };
}

function version(tag: string, overrides: Partial<Version> = {}): Version {
  return {
    tag,
    commit: 'abc',
    message: `Release ${tag}`,
    createdBy: 'admin',
    createdAt: '2026-12-01T09:00:00.000Z',
    valid: true,
    inferredBump: 'minor',
    declaredBump: 'minor',
    previousTag: null,
    changeSets: [],
    artifacts: [],
    contentHash: `hash-${tag}`,
    ...overrides,
  };
}

let seq = 0;
function release(tag: string, environmentName: string, status: Release['status'], overrides: Partial<Release> = {}): Release {
  seq += 1;
  return {
    id: `r${seq}`,
    version: tag,
    environment: environmentName,
    kind: 'deploy',
    status,
    approval: 'not-required',
    reason: null,
    previousVersion: null,
    requestedBy: 'admin',
    requestedAt: `2026-12-01T10:00:${String(seq).padStart(2, '0')}.000Z`,
    startedAt: null,
    finishedAt: null,
    gates: [],
    approvals: [],
    invalidatedApprovals: [],
    verification: null,
    gateways: [],
    ...overrides,
  };
}

const admin: Me = { id: 'u1', name: 'admin', role: 'admin' };
const developer: Me = { id: 'u2', name: 'dana', role: 'developer' };

function cellOf(model: ReturnType<typeof pipelineModel>, tag: string, environmentName: string) {
  const cell = model.versions.find((row) => row.tag === tag)?.cells.find((candidate) => candidate.environment === environmentName);
  assert.ok(cell, `no cell ${tag} × ${environmentName}`);
  return cell;
}

describe('the Release Pipeline model (versions × environments)', () => {
  const environments = [
    environment('production', 'production', 2, null),
    environment('development', 'development', 0, 'v1.1.0'),
    environment('staging', 'staging', 1, 'v1.0.0'),
  ];
  const versions = [version('v1.0.0'), version('v1.1.0'), version('v1.1.0-beta.1')];
  const releases = new Map<string, Release[]>([
    ['development', [release('v1.1.0', 'development', 'succeeded'), release('v1.0.0', 'development', 'succeeded')].reverse()],
    ['staging', [release('v1.0.0', 'staging', 'succeeded')]],
    ['production', []],
  ]);

  it('orders environments by the chain and versions newest first (semver precedence, pre-releases below their release)', () => {
    const model = pipelineModel({
      me: admin,
      environments,
      versions,
      releases,
      approvals: [],
      checks: new Map(),
      evaluations: new Map(),
      now: new Date('2026-12-01T12:00:00Z'),
    });
    assert.deepEqual(
      model.environments.map((column) => column.name),
      ['development', 'staging', 'production'],
    );
    assert.deepEqual(
      model.versions.map((row) => row.tag),
      ['v1.1.0', 'v1.1.0-beta.1', 'v1.0.0'],
    );
    assert.equal(model.canCreateVersion, true);
  });

  it('marks where each version is active, offers promotion from the previous environment, and rollback where something ran before', () => {
    const model = pipelineModel({
      me: admin,
      environments,
      versions,
      releases,
      approvals: [],
      checks: new Map(),
      evaluations: new Map(),
      now: new Date('2026-12-01T12:00:00Z'),
    });
    assert.equal(cellOf(model, 'v1.1.0', 'development').state, 'active');
    assert.deepEqual(cellOf(model, 'v1.0.0', 'development').actions, [{ kind: 'rollback', label: 'Roll back to this' }]);
    assert.equal(cellOf(model, 'v1.0.0', 'development').state, 'previous');
    assert.deepEqual(cellOf(model, 'v1.1.0', 'staging').actions, [{ kind: 'promote', label: 'Promote' }]);
    assert.deepEqual(cellOf(model, 'v1.1.0-beta.1', 'staging').actions, [], 'never ran in development: nothing to promote');
    assert.equal(model.environments.find((column) => column.name === 'development')!.rollbackTo, 'v1.0.0');
    assert.equal(model.environments.find((column) => column.name === 'staging')!.rollbackTo, null, 'staging ran one version only');
  });

  it('does not offer a production promotion the required-checks gate would refuse: it offers "Report Check…" instead', () => {
    const model = pipelineModel({
      me: admin,
      environments,
      versions,
      releases,
      approvals: [],
      checks: new Map(),
      evaluations: new Map(),
      now: new Date('2026-12-01T12:00:00Z'),
    });
    const production = cellOf(model, 'v1.0.0', 'production');
    assert.deepEqual(production.actions, [{ kind: 'reportCheck', label: 'Report Check…' }]);
    assert.match(production.note!, /not reported: smoke-tests/);
    const reported: Check[] = [
      { version: 'v1.0.0', name: 'smoke-tests', status: 'success', summary: null, url: null, reportedBy: 'admin', reportedAt: '2026-12-01T11:00:00.000Z' },
    ];
    const ready = pipelineModel({
      me: admin,
      environments,
      versions,
      releases,
      approvals: [],
      checks: new Map([['v1.0.0', reported]]),
      evaluations: new Map(),
      now: new Date('2026-12-01T12:00:00Z'),
    });
    assert.deepEqual(cellOf(ready, 'v1.0.0', 'production').actions, [{ kind: 'promote', label: 'Promote (needs approval)' }]);
    assert.deepEqual(versionsNeedingChecks(environments, releases, ['v1.1.0', 'v1.0.0']), ['v1.0.0']);
  });

  it('does not offer a promotion the evaluation gate would refuse: it offers "Report Evaluation…", and compares with the active version', () => {
    const evaluation = [{ suite: 'claims-routing', metrics: { accuracy: { min: 0.9, maxDrop: 0.02 } } }];
    const gated = environments.map((candidate) => (candidate.name === 'staging' ? { ...candidate, gates: { ...candidate.gates, evaluation } } : candidate));
    const result = (tag: string, accuracy: number): Evaluation => ({
      id: `e-${tag}-${accuracy}`,
      version: tag,
      suite: 'claims-routing',
      metrics: { accuracy },
      dataset: null,
      environment: null,
      summary: null,
      url: null,
      contentHash: `hash-${tag}`,
      reportedBy: 'admin',
      reportedAt: '2026-12-01T11:00:00.000Z',
      latest: true,
    });
    const inputs = { me: admin, environments: gated, versions, releases, approvals: [], checks: new Map(), now: new Date('2026-12-01T12:00:00Z') };
    assert.deepEqual(versionsNeedingEvaluations(gated, releases, ['v1.1.0', 'v1.0.0']), ['v1.1.0', 'v1.0.0']);
    const missing = cellOf(pipelineModel({ ...inputs, evaluations: new Map() }), 'v1.1.0', 'staging');
    assert.deepEqual(missing.actions, [{ kind: 'reportEvaluation', label: 'Report Evaluation…' }]);
    assert.match(missing.note!, /^claims-routing not reported for v1\.1\.0: report it with forge-release eval report v1\.1\.0/);
    const dropped = cellOf(
      pipelineModel({
        ...inputs,
        evaluations: new Map([
          ['v1.1.0', [result('v1.1.0', 0.91)]],
          ['v1.0.0', [result('v1.0.0', 0.95)]],
        ]),
      }),
      'v1.1.0',
      'staging',
    );
    assert.equal(dropped.note, 'claims-routing: accuracy dropped 0.04 from 0.95 (v1.0.0, active in staging), more than maxDrop 0.02');
    // The newest result counts: the API lists them newest first.
    const better = cellOf(
      pipelineModel({
        ...inputs,
        evaluations: new Map([
          ['v1.1.0', [result('v1.1.0', 0.96), result('v1.1.0', 0.91)]],
          ['v1.0.0', [result('v1.0.0', 0.95)]],
        ]),
      }),
      'v1.1.0',
      'staging',
    );
    assert.deepEqual(better.actions, [{ kind: 'promote', label: 'Promote' }]);
    assert.deepEqual(pipelineModel({ ...inputs, evaluations: new Map() }).environments.find((column) => column.name === 'staging')!.requirements, [
      'evaluation: claims-routing',
    ]);
  });

  it('offers a developer nothing outside development, and says why', () => {
    const model = pipelineModel({
      me: developer,
      environments,
      versions,
      releases,
      approvals: [],
      checks: new Map(),
      evaluations: new Map(),
      now: new Date('2026-12-01T12:00:00Z'),
    });
    assert.deepEqual(cellOf(model, 'v1.1.0', 'staging').actions, []);
    assert.equal(cellOf(model, 'v1.1.0', 'staging').note, 'deploys need the maintainer role');
    assert.equal(model.canCreateVersion, false);
    assert.equal(model.environments.find((column) => column.name === 'staging')!.rollbackTo, null);
  });

  it('shows a release waiting for reviewers with its progress, and an invalid version without a deploy button', () => {
    const waiting = release('v1.0.0', 'production', 'pending', { approval: 'waiting', kind: 'promote' });
    const approval: Approval = {
      releaseId: waiting.id,
      environment: 'production',
      version: 'v1.0.0',
      requestedBy: 'admin',
      requestedAt: waiting.requestedAt,
      state: 'waiting',
      approvals: 1,
      required: 2,
      policy,
      expiresAt: '2026-12-02T10:00:00.000Z',
      canDecide: true,
      refusal: null,
      release: waiting,
    };
    const broken = version('v1.2.0', { valid: false });
    const model = pipelineModel({
      me: admin,
      environments,
      versions: [...versions, broken],
      releases: new Map([...releases, ['production', [waiting]]]),
      approvals: [approval],
      checks: new Map(),
      evaluations: new Map(),
      now: new Date('2026-12-01T12:00:00Z'),
    });
    const cell = cellOf(model, 'v1.0.0', 'production');
    assert.equal(cell.state, 'waiting');
    assert.equal(cell.note, '1 of 2 approvals — waiting for role:maintainer or role:admin');
    assert.deepEqual(cell.actions, [{ kind: 'review', label: 'Review' }]);
    assert.equal(cellOf(model, 'v1.2.0', 'development').note, 'has validation errors: the validation gate refuses it');
    assert.deepEqual(cellOf(model, 'v1.2.0', 'development').actions, []);
  });
});
