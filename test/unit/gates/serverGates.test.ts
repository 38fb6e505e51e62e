import { strict as assert } from 'node:assert';
import type { Version } from '../../../core/api/version';
import { freezeWindowSchema } from '../../../core/gates/freezeWindows';
import type { EnvironmentRecord } from '../../../server/environments/environmentRecord';
import { defaultGates } from '../../../server/gates/defaultGates';
import { createGateRegistry, evaluateGates } from '../../../server/gates/gate';
import type { Database } from '../../../server/store/database';
import { openDatabase } from '../../../server/store/openDatabase';

const registry = createGateRegistry(defaultGates);
// None of the gates these tests enable reads the database; the context still needs a real one.
let db: Database;
const now = new Date('2024-12-25T12:00:00Z');
const holidays = freezeWindowSchema.parse({ start: '2024-12-24T00:00', end: '2024-12-27T00:00', timeZone: 'Europe/Berlin', reason: 'holidays' });

const version: Version = {
  tag: 'v1.1.0',
  commit: 'abc1234',
  message: null,
  createdBy: 'admin',
  createdAt: now.toISOString(),
  valid: true,
  inferredBump: 'major',
  declaredBump: 'minor',
  previousTag: 'v1.0.0',
  changeSets: [],
  artifacts: [],
  contentHash: 'c0ffee',
};

function environment(overrides: Partial<EnvironmentRecord>): EnvironmentRecord {
  return {
    name: 'production',
    tier: 'production',
    order: 3,
    purpose: '',
    stability: '',
    dataClass: '',
    gateways: [],
    reconcile: 'auto',
    gates: {},
    approvalPolicy: null,
    freezeWindows: [],
    deployRole: 'admin',
    databaseUrl: ':memory:',
    activeVersion: null,
    activeReleaseId: null,
    updatedAt: now.toISOString(),
    ...overrides,
  };
}

function run(env: EnvironmentRecord, options: { override?: string; only?: ('freeze' | 'approvals')[] } = {}) {
  return evaluateGates(
    registry,
    {
      db,
      clock: () => now,
      user: { id: 'u1', name: 'carol', role: 'admin' },
      kind: 'deploy',
      version,
      environment: env,
      chain: [env],
      override: options.override ? { reason: options.override } : null,
    },
    options.only,
  );
}

describe('server gates: selection and adaptation of the pure gates', () => {
  before(async () => {
    db = await openDatabase(':memory:');
  });
  after(() => db.close());

  after(() => db.close());

  it('runs the configured gates in config order and skips those set to false', async () => {
    const verdicts = await run(environment({ gates: { 'semver-policy': true, validation: true, approvals: false } }));
    assert.deepEqual(
      verdicts.map((v) => [v.gate, v.passed]),
      [
        ['semver-policy', false],
        ['validation', true],
      ],
    );
    assert.match(verdicts[0]!.reason, /tag v2\.0\.0 or higher/);
  });

  it('runs the freeze gate whenever windows exist, unless it is set to false', async () => {
    const frozen = await run(environment({ gates: { validation: true }, freezeWindows: [holidays] }));
    assert.deepEqual(
      frozen.map((v) => [v.gate, v.passed]),
      [
        ['validation', true],
        ['freeze', false],
      ],
    );
    assert.deepEqual(await run(environment({ gates: { validation: true, freeze: false }, freezeWindows: [holidays] })).then((v) => v.map((x) => x.gate)), ['validation']);
    assert.deepEqual(await run(environment({ gates: { validation: true } })).then((v) => v.map((x) => x.gate)), ['validation']);
  });

  it('marks a freeze passed by a break-glass reason as overridden, without leaking the pure result fields', async () => {
    const [verdict] = await run(environment({ freezeWindows: [holidays] }), { override: 'incident 7' });
    assert.deepEqual(verdict, {
      gate: 'freeze',
      passed: true,
      overridden: true,
      reason: 'deploy freeze in force: 2024-12-24T00:00 – 2024-12-27T00:00 Europe/Berlin (holidays); overridden by carol: incident 7',
    });
  });

  it('holds for approval rather than refusing when a policy exists, and passes plainly without one', async () => {
    const policy = { reviewers: ['role:maintainer', 'user:42'], required: 2, timeoutMinutes: 60, onGateChange: 'reapprove' as const };
    const [held] = await run(environment({ gates: { approvals: true }, approvalPolicy: policy }));
    assert.deepEqual(held, {
      gate: 'approvals',
      passed: true,
      awaitsApproval: true,
      reason: 'waiting for 2 more approvals (0 of 2) until 2024-12-25T13:00:00.000Z from role:maintainer or user:42',
    });
    const [open] = await run(environment({ gates: { approvals: true } }));
    assert.deepEqual([open!.passed, open!.awaitsApproval], [true, undefined]);
  });

  it('limits a run to the gates named in `only`', async () => {
    const env = environment({ gates: { validation: true, 'semver-policy': true }, freezeWindows: [holidays] });
    assert.deepEqual(
      (await run(env, { only: ['freeze'] })).map((v) => v.gate),
      ['freeze'],
    );
    assert.deepEqual(await run(environment({ gates: { validation: true } }), { only: ['freeze'] }), []);
  });
});
