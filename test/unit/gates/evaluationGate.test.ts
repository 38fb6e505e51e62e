import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { evaluateEvaluationGate, evaluationGateConfigSchema, type SuiteRequirement } from '../../../core/gates/evaluationGate';
import { describeGateChanges, gateChanges } from '../../../core/gates/gateChanges';

const routing = (metrics: SuiteRequirement['metrics'], environment?: string): SuiteRequirement => ({
  suite: 'claims-routing',
  metrics,
  ...(environment ? { environment } : {}),
});
const result = (metrics: Record<string, number>, environment: string | null = null) => ({ suite: 'claims-routing', environment, metrics });

describe('the evaluation gate (pure)', () => {
  it('passes when nothing is required', () => {
    assert.deepEqual(evaluateEvaluationGate({ requirements: [], candidate: { tag: 'v2.0.0', results: [] }, active: null, environment: 'production' }), {
      gate: 'evaluation',
      passed: true,
      reason: 'no evaluation suites are required',
      evaluation: { version: 'v2.0.0', activeVersion: null, metrics: [] },
    });
  });

  it("reads the last result of a suite, and only the named environment's when a requirement names one", () => {
    const results = [result({ accuracy: 0.95 }), result({ accuracy: 0.8 }, 'staging'), result({ accuracy: 0.85 })];
    const anyResult = evaluateEvaluationGate({
      requirements: [routing({ accuracy: { min: 0.9 } })],
      candidate: { tag: 'v2.0.0', results },
      active: null,
      environment: 'production',
    });
    assert.equal(anyResult.reason, 'claims-routing: accuracy 0.85 is below the minimum 0.9');
    const staging = evaluateEvaluationGate({
      requirements: [routing({ accuracy: { min: 0.75 } }, 'staging')],
      candidate: { tag: 'v2.0.0', results },
      active: null,
      environment: 'production',
    });
    assert.equal(staging.passed, true);
    assert.equal(staging.evaluation?.metrics[0]?.candidate, 0.8);
  });

  it('lists every broken bound of every suite, and each metric as a table row', () => {
    const verdict = evaluateEvaluationGate({
      requirements: [routing({ accuracy: { min: 0.9, maxDrop: 0.02 }, p95_ms: { max: 2000, maxRise: 100 } }), { suite: 'tone', metrics: { politeness: { min: 4 } } }],
      candidate: { tag: 'v2.0.0', results: [result({ accuracy: 0.86, p95_ms: 2300 }), { suite: 'tone', environment: null, metrics: { politeness: 4.2 } }] },
      active: { tag: 'v1.0.0', results: [result({ accuracy: 0.95, p95_ms: 1800 })] },
      environment: 'production',
    });
    assert.equal(verdict.passed, false);
    assert.deepEqual(verdict.reason.split('; '), [
      'claims-routing: accuracy 0.86 is below the minimum 0.9',
      'claims-routing: accuracy dropped 0.09 from 0.95 (v1.0.0, active in production), more than maxDrop 0.02',
      'claims-routing: p95_ms 2300 is above the maximum 2000',
      'claims-routing: p95_ms rose 500 from 1800 (v1.0.0, active in production), more than maxRise 100',
    ]);
    assert.deepEqual(
      verdict.evaluation?.metrics.map((row) => [row.suite, row.metric, row.delta, row.bound, row.passed]),
      [
        ['claims-routing', 'accuracy', -0.09, '≥ 0.9, drop ≤ 0.02', false],
        ['claims-routing', 'p95_ms', 500, '≤ 2000, rise ≤ 100', false],
        ['tone', 'politeness', null, '≥ 4', true],
      ],
    );
  });

  it('says which metric a result lacks and how to report it', () => {
    const verdict = evaluateEvaluationGate({
      requirements: [routing({ accuracy: { min: 0.9 }, p95_ms: { max: 2000 } })],
      candidate: { tag: 'v2.0.0', results: [result({ accuracy: 0.95 })] },
      active: null,
      environment: 'production',
    });
    assert.equal(
      verdict.reason,
      'claims-routing result for v2.0.0 has no p95_ms: report it with forge-release eval report v2.0.0 --suite claims-routing --metric accuracy=<value> --metric p95_ms=<value>',
    );
  });

  it('never fails a drop or rise that equals its bound, whatever floating point makes of the difference', () => {
    const cents = fc.integer({ min: 0, max: 10_000 });
    fc.assert(
      fc.property(cents, cents, (base, allowed) => {
        const active = base / 100;
        const candidate = (base - allowed) / 100;
        const limit = allowed / 100;
        const verdict = evaluateEvaluationGate({
          requirements: [routing({ score: { maxDrop: limit } })],
          candidate: { tag: 'v2.0.0', results: [result({ score: candidate })] },
          active: { tag: 'v1.0.0', results: [result({ score: active })] },
          environment: 'production',
        });
        const over = evaluateEvaluationGate({
          requirements: [routing({ score: { maxDrop: limit } })],
          candidate: { tag: 'v2.0.0', results: [result({ score: candidate - 0.01 })] },
          active: { tag: 'v1.0.0', results: [result({ score: active })] },
          environment: 'production',
        });
        return verdict.passed && !over.passed;
      }),
      { numRuns: 500 },
    );
  });

  it('refuses bounds no value could meet and suites listed twice', () => {
    assert.equal(evaluationGateConfigSchema.safeParse([routing({ accuracy: { min: 1, max: 0 } })]).success, false);
    assert.equal(evaluationGateConfigSchema.safeParse([routing({ accuracy: { min: 0.9 } }), routing({ p95_ms: { max: 1 } })]).success, false);
    assert.equal(evaluationGateConfigSchema.safeParse([routing({ accuracy: { min: 0.9 } }), routing({ accuracy: { min: 0.8 } }, 'staging')]).success, true);
  });
});

describe('gate changes since approval', () => {
  it('names the gates that passed (or did not run) before and fail now', () => {
    const before = [
      { gate: 'validation' as const, passed: true, reason: 'ok' },
      { gate: 'evaluation' as const, passed: true, reason: 'within bounds' },
    ];
    const now = [
      { gate: 'validation' as const, passed: true, reason: 'ok' },
      { gate: 'evaluation' as const, passed: false, reason: 'claims-routing: accuracy 0.8 is below the minimum 0.9' },
      { gate: 'required-checks' as const, passed: false, reason: 'not reported: smoke-tests' },
    ];
    const changes = gateChanges(before, now);
    assert.deepEqual(changes, [
      { gate: 'evaluation', before: 'within bounds', after: 'claims-routing: accuracy 0.8 is below the minimum 0.9' },
      { gate: 'required-checks', before: null, after: 'not reported: smoke-tests' },
    ]);
    assert.equal(
      describeGateChanges(changes),
      'evaluation: claims-routing: accuracy 0.8 is below the minimum 0.9 (it passed before); required-checks: not reported: smoke-tests (it did not run before)',
    );
    assert.deepEqual(gateChanges(now, now), []);
  });
});
