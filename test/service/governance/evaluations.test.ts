import assert from 'node:assert/strict';
import { describeEachEngine } from '../../support/engines';
import { startGovernanceService, type GovernanceService } from './governanceService';

/** Production's evaluation gate in these tests: accuracy at least 0.9 and at most 0.02 below production's. */
const productionEvaluation = [{ suite: 'claims-routing', metrics: { accuracy: { min: 0.9, maxDrop: 0.02 }, p95_ms: { max: 2000 } } }];

describeEachEngine('evaluation results and the evaluation gate over HTTP (PRODUCT.md §6)', (engine) => {
  let service: GovernanceService;
  beforeEach(async () => {
    service = await startGovernanceService(engine);
  });
  afterEach(async () => service.close());

  const report = (tag: string, body: unknown, token = service.tokens.dave) => service.call('POST', `/api/versions/${tag}/evaluations`, body, token);
  const requestProduction = (tag: string, dryRun = false) =>
    service.call('POST', '/api/releases', { version: tag, environment: 'production', ...(dryRun ? { dryRun } : {}) });
  const evaluationVerdict = (gates: any[]) => gates.find((gate) => gate.gate === 'evaluation');

  /** Requires the evaluation in production (keeping its default gates). */
  async function requireEvaluation(evaluation: unknown = productionEvaluation) {
    const production = (await service.call('GET', '/api/environments/production')).body;
    const updated = await service.call('PUT', '/api/environments/production', { gates: { ...production.gates, evaluation } });
    assert.equal(updated.status, 200, updated.text);
    return updated.body;
  }

  /** Takes a version through development and staging with its smoke tests: production's other gates pass. */
  async function readyForProduction(tag: string) {
    await service.registerVersion(tag);
    await service.deployed(tag, 'development');
    await service.deployed(tag, 'staging');
    await service.smokeTested(tag);
  }

  /** Deploys a version to production with two approvals. */
  async function deployToProduction(tag: string) {
    const held = await requestProduction(tag);
    assert.equal(held.status, 202, held.text);
    for (const reviewer of [service.tokens.alice, service.tokens.bob]) {
      const decided = await service.call('POST', `/api/releases/${held.body.id}/approvals`, { decision: 'approve' }, reviewer);
      assert.equal(decided.status, 200, decided.text);
    }
    await service.deps.tasks.idle();
    assert.equal((await service.call('GET', `/api/releases/${held.body.id}`)).body.status, 'succeeded');
  }

  it("stores each result with the version's content hash, reporter and time; the latest per suite and environment counts", async () => {
    await service.registerVersion('v1.0.0');
    const contentHash = (await service.call('GET', '/api/versions/v1.0.0')).body.contentHash;
    assert.match(contentHash, /^[0-9a-f]{64}$/);
    const first = await report('v1.0.0', {
      suite: 'claims-routing',
      metrics: { accuracy: 0.91, p95_ms: 1800 },
      dataset: 'claims-2026-02',
      url: 'https://ci.example/runs/7',
      summary: '182 of 200 routed',
    });
    assert.equal(first.status, 201, first.text);
    assert.deepEqual(
      { ...first.body, id: typeof first.body.id },
      {
        id: 'string',
        version: 'v1.0.0',
        suite: 'claims-routing',
        metrics: { accuracy: 0.91, p95_ms: 1800 },
        dataset: 'claims-2026-02',
        environment: null,
        summary: '182 of 200 routed',
        url: 'https://ci.example/runs/7',
        contentHash,
        reportedBy: 'dave',
        reportedAt: '2026-03-02T10:00:00.000Z',
        latest: true,
      },
    );
    service.now = new Date('2026-03-02T11:00:00Z');
    assert.equal((await report('v1.0.0', { suite: 'claims-routing', metrics: { accuracy: 0.93, p95_ms: 1700 } }, service.tokens.alice)).status, 201);
    assert.equal((await report('v1.0.0', { suite: 'claims-routing', metrics: { accuracy: 0.88 }, environment: 'staging' })).status, 201);
    assert.equal((await report('v1.0.0', { suite: 'tone', metrics: { politeness: 4.5 } })).status, 201);

    const listed = await service.call('GET', '/api/versions/v1.0.0/evaluations');
    assert.equal(listed.status, 200, listed.text);
    assert.deepEqual(
      listed.body.items.map((e: any) => [e.suite, e.environment, e.metrics.accuracy ?? e.metrics.politeness, e.reportedBy, e.latest]),
      [
        ['tone', null, 4.5, 'dave', true],
        ['claims-routing', 'staging', 0.88, 'dave', true],
        ['claims-routing', null, 0.93, 'alice', true],
        ['claims-routing', null, 0.91, 'dave', false],
      ],
    );
    const paged = await service.call('GET', '/api/versions/v1.0.0/evaluations?suite=claims-routing&limit=2');
    assert.deepEqual(
      paged.body.items.map((e: any) => e.metrics.accuracy),
      [0.88, 0.93],
    );
    const rest = await service.call('GET', `/api/versions/v1.0.0/evaluations?suite=claims-routing&limit=2&cursor=${paged.body.nextCursor}`);
    assert.deepEqual([rest.body.items.map((e: any) => e.metrics.accuracy), rest.body.nextCursor], [[0.91], null]);

    const audited = await service.audit('evaluation.reported');
    assert.deepEqual(
      audited.map((e) => [e.actor, e.version, e.environment, e.outcome, e.details.suite]),
      [
        ['dave', 'v1.0.0', null, 'reported', 'claims-routing'],
        ['alice', 'v1.0.0', null, 'reported', 'claims-routing'],
        ['dave', 'v1.0.0', 'staging', 'reported', 'claims-routing'],
        ['dave', 'v1.0.0', null, 'reported', 'tone'],
      ],
    );
    assert.deepEqual(audited[0]!.details, {
      suite: 'claims-routing',
      metrics: { accuracy: 0.91, p95_ms: 1800 },
      dataset: 'claims-2026-02',
      summary: '182 of 200 routed',
      url: 'https://ci.example/runs/7',
      contentHash,
    });
    assert.ok(service.events.some((event) => event.type === 'version.evaluated' && event.data.tag === 'v1.0.0' && event.data.suite === 'tone'));
  });

  it('refuses malformed results with clear 400s, unknown versions and environments with 404, and anonymous callers with 401', async () => {
    await service.registerVersion('v1.0.0');
    const cases: [unknown, RegExp][] = [
      [{ suite: 'claims-routing', metrics: {} }, /report at least one metric/],
      [{ suite: 'claims-routing', metrics: { accuracy: '0.9' } }, /metrics\.accuracy: a metric value is a number/],
      [{ suite: 'claims-routing', metrics: { '9lives': 1 } }, /a metric name such as "accuracy"/],
      [{ suite: 'claims routing', metrics: { accuracy: 0.9 } }, /a suite name such as "claims-routing"/],
      [{ suite: 'claims-routing', metrics: { accuracy: 0.9 }, score: 1 }, /Unrecognized key/],
      [{ suite: 'claims-routing', metrics: { accuracy: 0.9 }, url: 'ftp://x' }, /json\.url/],
      [{ metrics: { accuracy: 0.9 } }, /json\.suite/],
    ];
    for (const [body, message] of cases) {
      const refused = await report('v1.0.0', body);
      assert.equal(refused.status, 400, JSON.stringify(body));
      assert.equal(refused.body.error.code, 'invalid_request');
      assert.match(refused.body.error.message, message, JSON.stringify(body));
    }
    const unknownVersion = await report('v9.9.9', { suite: 'claims-routing', metrics: { accuracy: 0.9 } });
    assert.deepEqual([unknownVersion.status, unknownVersion.body.error.message], [404, 'version "v9.9.9" not found']);
    const unknownEnvironment = await report('v1.0.0', { suite: 'claims-routing', metrics: { accuracy: 0.9 }, environment: 'qa' });
    assert.deepEqual([unknownEnvironment.status, unknownEnvironment.body.error.message], [404, 'environment "qa" not found']);
    assert.equal((await report('v1.0.0', { suite: 'claims-routing', metrics: { accuracy: 0.9 } }, null as unknown as string)).status, 401);
    assert.equal((await service.call('GET', '/api/versions/v9.9.9/evaluations')).status, 404);
    assert.equal((await service.call('GET', '/api/versions/v1.0.0/evaluations')).body.items.length, 0);
    assert.equal((await service.audit('evaluation.reported')).length, 0, 'nothing refused was stored or audited');
  });

  it('validates gates.evaluation on PUT /api/environments/:name with clear 400s, leaving the environment as it was', async () => {
    const before = (await service.call('GET', '/api/environments/production')).body;
    const cases: [unknown, RegExp][] = [
      [
        [{ suite: 'claims-routing', metrics: { accuracy: {} } }],
        /gates\.evaluation\.0\.metrics\.accuracy: give the metric at least one bound: min, max, maxDrop or maxRise/,
      ],
      [[{ suite: 'claims-routing', metrics: { accuracy: { min: 0.9, max: 0.8 } } }], /min is above max/],
      [[{ suite: 'claims-routing', metrics: { accuracy: { maxDrop: -0.01 } } }], /maxDrop is an amount in the metric's unit, 0 or more/],
      [[{ suite: 'claims-routing', metrics: { accuracy: { atLeast: 0.9 } } }], /Unrecognized key/],
      [[{ suite: 'claims-routing', metrics: {} }], /name at least one metric with its bounds/],
      [
        [
          { suite: 'claims-routing', metrics: { accuracy: { min: 0.9 } } },
          { suite: 'claims-routing', metrics: { p95_ms: { max: 2000 } } },
        ],
        /gates\.evaluation\.1\.suite: suite "claims-routing" is listed twice/,
      ],
      [{ suite: 'claims-routing' }, /gates\.evaluation/],
    ];
    for (const [evaluation, message] of cases) {
      const refused = await service.call('PUT', '/api/environments/production', { gates: { ...before.gates, evaluation } });
      assert.equal(refused.status, 400, JSON.stringify(evaluation));
      assert.match(refused.body.error.message, message, JSON.stringify(evaluation));
    }
    assert.deepEqual((await service.call('GET', '/api/environments/production')).body.gates, before.gates);
    const configured = await requireEvaluation();
    assert.deepEqual(configured.gates.evaluation, productionEvaluation);
  });

  it('refuses production below the absolute bound with a 422 naming the evaluation gate and the metric; a good result passes; dry runs show both', async () => {
    await requireEvaluation();
    await readyForProduction('v1.0.0');

    const unreported = await requestProduction('v1.0.0');
    assert.equal(unreported.status, 422, unreported.text);
    assert.deepEqual(evaluationVerdict(unreported.body.error.details.gates), {
      gate: 'evaluation',
      passed: false,
      reason:
        'claims-routing not reported for v1.0.0: report it with forge-release eval report v1.0.0 --suite claims-routing --metric accuracy=<value> --metric p95_ms=<value>',
      evaluation: {
        version: 'v1.0.0',
        activeVersion: null,
        metrics: [
          { suite: 'claims-routing', metric: 'accuracy', candidate: null, active: null, delta: null, bound: '≥ 0.9, drop ≤ 0.02', passed: false, reason: 'not reported' },
          { suite: 'claims-routing', metric: 'p95_ms', candidate: null, active: null, delta: null, bound: '≤ 2000', passed: false, reason: 'not reported' },
        ],
      },
    });

    await report('v1.0.0', { suite: 'claims-routing', metrics: { accuracy: 0.85, p95_ms: 1800 } });
    const low = await requestProduction('v1.0.0');
    assert.equal(low.status, 422, low.text);
    assert.equal(low.body.error.code, 'gate_failed');
    assert.equal(low.body.error.message, 'quality gates failed: evaluation');
    assert.equal(evaluationVerdict(low.body.error.details.gates).reason, 'claims-routing: accuracy 0.85 is below the minimum 0.9');
    const lowDry = await requestProduction('v1.0.0', true);
    assert.equal(lowDry.status, 200, lowDry.text);
    assert.deepEqual(lowDry.body.gates, low.body.error.details.gates);
    assert.equal(lowDry.body.wouldPass, false);
    const refusal = (await service.audit('release.requested')).at(-1)!;
    assert.deepEqual(
      [refusal.outcome, refusal.details.gates.find((g: any) => g.gate === 'evaluation').reason],
      ['refused', 'claims-routing: accuracy 0.85 is below the minimum 0.9'],
    );

    // A result reported against staging does not replace the offline result unless the gate asks for staging's.
    await report('v1.0.0', { suite: 'claims-routing', metrics: { accuracy: 0.95, p95_ms: 1900 }, environment: 'staging' });
    const good = await requestProduction('v1.0.0', true);
    assert.deepEqual([good.body.wouldPass, evaluationVerdict(good.body.gates).passed], [true, true]);
    assert.equal(
      evaluationVerdict(good.body.gates).reason,
      '2 metrics within bounds (nothing active in production to compare against): claims-routing accuracy 0.95, claims-routing p95_ms 1900',
    );
    const accepted = await requestProduction('v1.0.0');
    assert.equal(accepted.status, 202, accepted.text);
    assert.deepEqual([accepted.body.status, accepted.body.approval], ['pending', 'waiting']);
  });

  it("refuses a version whose accuracy dropped more than maxDrop from production's active version, and passes one within it", async () => {
    await requireEvaluation();
    await readyForProduction('v1.0.0');
    await report('v1.0.0', { suite: 'claims-routing', metrics: { accuracy: 0.95, p95_ms: 1500 } });
    await deployToProduction('v1.0.0');

    await readyForProduction('v1.1.0');
    await report('v1.1.0', { suite: 'claims-routing', metrics: { accuracy: 0.92, p95_ms: 1400 } });
    const dropped = await requestProduction('v1.1.0');
    assert.equal(dropped.status, 422, dropped.text);
    const verdict = evaluationVerdict(dropped.body.error.details.gates);
    assert.equal(verdict.reason, 'claims-routing: accuracy dropped 0.03 from 0.95 (v1.0.0, active in production), more than maxDrop 0.02');
    assert.deepEqual(verdict.evaluation.activeVersion, 'v1.0.0');
    assert.deepEqual(
      verdict.evaluation.metrics.map((m: any) => [m.metric, m.candidate, m.active, m.delta, m.bound, m.passed]),
      [
        ['accuracy', 0.92, 0.95, -0.03, '≥ 0.9, drop ≤ 0.02', false],
        ['p95_ms', 1400, 1500, -100, '≤ 2000', true],
      ],
    );
    const droppedDry = await requestProduction('v1.1.0', true);
    assert.deepEqual([droppedDry.body.wouldPass, evaluationVerdict(droppedDry.body.gates)], [false, verdict]);

    // 0.95 − 0.93 is 0.020000000000000018 in floating point: still within a maxDrop of 0.02.
    service.now = new Date('2026-03-02T12:00:00Z');
    await report('v1.1.0', { suite: 'claims-routing', metrics: { accuracy: 0.93, p95_ms: 1400 } });
    const within = await requestProduction('v1.1.0', true);
    assert.equal(within.body.wouldPass, true, within.text);
    assert.equal(
      evaluationVerdict(within.body.gates).reason,
      '2 metrics within bounds against v1.0.0: claims-routing accuracy 0.93 (-0.02), claims-routing p95_ms 1400 (-100)',
    );
    assert.equal((await requestProduction('v1.1.0')).status, 202);
  });

  it("asks for the active version's result when a relative bound has nothing to compare with, and reads only the named environment's results", async () => {
    await readyForProduction('v1.0.0');
    await deployToProduction('v1.0.0');
    await requireEvaluation([{ suite: 'claims-routing', environment: 'staging', metrics: { accuracy: { maxDrop: 0.02 } } }]);
    await readyForProduction('v1.1.0');
    await report('v1.1.0', { suite: 'claims-routing', metrics: { accuracy: 0.97 } });
    const offline = await requestProduction('v1.1.0', true);
    assert.equal(
      evaluationVerdict(offline.body.gates).reason.split('; ')[0],
      'claims-routing not reported for v1.1.0: report it with forge-release eval report v1.1.0 --suite claims-routing --env staging --metric accuracy=<value>',
    );
    await report('v1.1.0', { suite: 'claims-routing', metrics: { accuracy: 0.97 }, environment: 'staging' });
    const noBaseline = await requestProduction('v1.1.0', true);
    assert.equal(
      evaluationVerdict(noBaseline.body.gates).reason,
      'claims-routing not reported for v1.0.0, the version active in production, so accuracy cannot be compared with it: ' +
        'report it with forge-release eval report v1.0.0 --suite claims-routing --env staging --metric accuracy=<value>',
    );
    await report('v1.0.0', { suite: 'claims-routing', metrics: { accuracy: 0.96 }, environment: 'staging' });
    const compared = await requestProduction('v1.1.0', true);
    assert.equal(compared.body.wouldPass, true, compared.text);
    assert.deepEqual(evaluationVerdict(compared.body.gates).evaluation.metrics[0], {
      suite: 'claims-routing',
      metric: 'accuracy',
      candidate: 0.97,
      active: 0.96,
      delta: 0.01,
      bound: 'drop ≤ 0.02',
      passed: true,
      reason: 'within bounds',
    });
  });
});
