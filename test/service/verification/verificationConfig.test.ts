import assert from 'node:assert/strict';
import { describeEachEngine } from '../../support/engines';
import { startTestService, type TestService } from '../support/testService';

const valid = {
  prometheusUrl: 'http://prometheus.internal:9090',
  windowSeconds: 600,
  intervalSeconds: 30,
  metrics: [
    {
      name: 'job-failure-ratio',
      query: 'sum(rate(marie_jobs_failed_total{planner=~"{{workflow}}"}[5m])) / sum(rate(marie_jobs_total{planner=~"{{workflow}}"}[5m]))',
      max: 0.05,
    },
    { name: 'throughput', query: 'sum(rate(marie_jobs_total{environment="{{ environment }}"}[5m]))', min: 0.1 },
  ],
  onFailure: 'rollback',
} as const;

describeEachEngine("an environment's verification configuration", (engine) => {
  let service: TestService;

  beforeEach(async () => {
    service = await startTestService({ engine });
  });

  afterEach(async () => {
    await service.close();
  });

  async function refusal(verification: unknown): Promise<{ path: string; message: string }> {
    const answer = await service.call('PUT', '/api/environments/staging', { verification });
    assert.equal(answer.status, 400, answer.text);
    assert.equal(answer.body.error.code, 'invalid_request');
    const [issue] = answer.body.error.details.issues;
    assert.match(answer.body.error.message, new RegExp(`^invalid request at json\\.${issue.path.replace(/\./g, '\\.')}: `));
    return { path: issue.path, message: issue.message };
  }

  it('is set with PUT, shown on the environment, audited as a changed field, and removed with null', async () => {
    const put = await service.call('PUT', '/api/environments/staging', { verification: valid });
    assert.equal(put.status, 200, put.text);
    assert.deepEqual(put.body.verification, valid);
    assert.deepEqual((await service.call('GET', '/api/environments/staging')).body.verification, valid);
    const listed = (await service.call('GET', '/api/environments')).body.items;
    assert.deepEqual(
      listed.map((environment: { name: string; verification: unknown }) => [environment.name, environment.verification !== null]),
      [
        ['development', false],
        ['staging', true],
        ['production', false],
      ],
    );
    // Another field's change leaves it as it is.
    assert.deepEqual((await service.call('PUT', '/api/environments/staging', { purpose: 'QA' })).body.verification, valid);
    const audit = await service.deps.db.execute(
      `SELECT details FROM audit_events WHERE action = 'environment.updated' AND environment = 'staging' AND actor <> 'system' ORDER BY seq`,
    );
    assert.deepEqual(
      audit.rows.map((row) => JSON.parse(String(row.details)).fields),
      [['verification'], ['purpose']],
    );
    const removed = await service.call('PUT', '/api/environments/staging', { verification: null });
    assert.equal(removed.body.verification, null);
    // A new environment can watch metrics from the start.
    const created = await service.call('PUT', '/api/environments/canary', { tier: 'staging', verification: { ...valid, onFailure: 'alert' } });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.verification.onFailure, 'alert');
  });

  it('refuses what cannot be watched with a 400 naming the field, and changes nothing', async () => {
    const metric = valid.metrics[0];
    const cases: [unknown, string, RegExp][] = [
      [{ ...valid, prometheusUrl: 'prometheus:9090' }, 'verification.prometheusUrl', /base URL of a Prometheus HTTP API/],
      [{ ...valid, prometheusUrl: 'https://ops:hunter2@mimir.internal/prometheus' }, 'verification.prometheusUrl', /must not carry a user name or password/],
      [{ ...valid, prometheusUrl: 'http://prometheus:9090/api/v1/query?query=up' }, 'verification.prometheusUrl', /without a query or fragment/],
      [{ ...valid, windowSeconds: 0 }, 'verification.windowSeconds', /./],
      [{ ...valid, intervalSeconds: 601 }, 'verification.intervalSeconds', /must not be longer than windowSeconds/],
      [{ ...valid, windowSeconds: 3600, intervalSeconds: 10 }, 'verification.intervalSeconds', /at most 120 times/],
      [{ ...valid, metrics: [] }, 'verification.metrics', /name at least one metric/],
      [{ ...valid, metrics: [metric, metric] }, 'verification.metrics', /each metric name once/],
      [{ ...valid, metrics: [{ name: 'latency', query: 'histogram_quantile(0.95, x)' }] }, 'verification.metrics.0', /give max, min or both/],
      [{ ...valid, metrics: [{ name: 'latency', query: 'x', min: 2, max: 1 }] }, 'verification.metrics.0.min', /min must not be above max/],
      [
        { ...valid, metrics: [{ name: 'latency', query: 'x{planner="{{planner}}"}', max: 1 }] },
        'verification.metrics.0.query',
        /unknown placeholder \{\{planner\}\}: use \{\{environment\}\}, \{\{version\}\}, \{\{workflow\}\}/,
      ],
      [{ ...valid, metrics: [{ name: 'latency', query: '  ', max: 1 }] }, 'verification.metrics.0.query', /a PromQL query/],
      [{ ...valid, metrics: [{ name: 'bad name!', query: 'x', max: 1 }] }, 'verification.metrics.0.name', /a metric name such as/],
      [{ ...valid, onFailure: 'page' }, 'verification.onFailure', /./],
      [{ ...valid, extra: true }, 'verification', /./],
    ];
    for (const [verification, path, message] of cases) {
      const issue = await refusal(verification);
      assert.equal(issue.path, path, JSON.stringify(verification));
      assert.match(issue.message, message, path);
    }
    assert.equal((await service.call('GET', '/api/environments/staging')).body.verification, null);
    const audit = await service.deps.db.execute(
      `SELECT COUNT(*) AS n FROM audit_events WHERE action = 'environment.updated' AND environment = 'staging' AND actor <> 'system'`,
    );
    assert.equal(Number(audit.rows[0]?.n), 0);
  });

  it('only admins configure it', async () => {
    const maintainer = await service.userToken('mara', 'maintainer');
    const answer = await service.call('PUT', '/api/environments/staging', { verification: valid }, maintainer);
    assert.equal(answer.status, 403);
  });
});
