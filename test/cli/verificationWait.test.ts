import assert from 'node:assert/strict';
import type { Release } from '../../core/api/release';
import { testPrometheus, type MetricsScope, type TestPrometheus } from '../support/prometheus';
import { versionBody, workflowUpload } from '../service/support/artifacts';
import { closedPort } from '../service/support/listen';
import { runCli, shown, startCliService, type CliService } from './runCli';

describe('forge-release --wait through a verification window on a real Prometheus', function () {
  this.timeout(120_000);
  let running: CliService;
  let prometheus: TestPrometheus;
  let metrics: MetricsScope;
  const cli = (args: string[]) => runCli(args, undefined, running.admin);

  async function watch(prometheusUrl: string, onFailure: 'rollback' | 'alert' = 'rollback'): Promise<void> {
    const answer = await running.service.call('PUT', '/api/environments/development', {
      verification: {
        prometheusUrl,
        windowSeconds: 3,
        intervalSeconds: 1,
        metrics: [{ name: 'failure-ratio', query: `max(forge_test_failure_ratio{${metrics.selector}})`, max: 0.05 }],
        onFailure,
      },
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
  }

  async function setRatio(value: number): Promise<void> {
    metrics.gauge('forge_test_failure_ratio', {}, value);
    await prometheus.waitFor(`forge_test_failure_ratio{${metrics.selector}}`, (samples) => samples[0]?.value === value);
  }

  before(async () => {
    prometheus = await testPrometheus();
    metrics = prometheus.scope();
    running = await startCliService();
    for (let minor = 0; minor < 5; minor += 1) {
      const created = await running.service.call('POST', '/api/versions', versionBody(`v1.${minor}.0`, [workflowUpload('intake', minor)]));
      assert.equal(created.status, 201, JSON.stringify(created.body));
    }
    assert.equal((await cli(['deploy', 'v1.0.0', '--env', 'development', '--wait'])).code, 0);
  });

  after(async () => {
    metrics?.clear();
    await running?.stop();
  });

  it('waits for the window and exits 0 once verification passed, one line per change off a terminal', async () => {
    await setRatio(0.01);
    await watch(prometheus.url);
    const run = await cli(['deploy', 'v1.1.0', '--env', 'development', '--wait']);
    assert.equal(run.code, 0, shown(run));
    const lines = run.stdout.trim().split('\n');
    assert.match(lines.at(-1)!, /^development ← v1\.1\.0: succeeded, verification passed: every check \(3\) was within its bounds$/);
    assert.ok(
      lines.some((line) => /^development ← v1\.1\.0: succeeded, verifying until \S+: ✓ failure-ratio 0\.01 \(max 0\.05\)$/.test(line)),
      run.stdout,
    );
  });

  it('exits 4 when a metric breaches, naming the metric, value, bound and the automatic rollback; release wait and show say the same', async () => {
    await setRatio(0.2);
    const run = await cli(['deploy', 'v1.2.0', '--env', 'development', '--wait', '--json']);
    assert.equal(run.code, 4, shown(run));
    const release = JSON.parse(run.stdout) as Release;
    assert.equal(release.verification?.state, 'failed');
    const rollbackId = release.verification?.rollbackReleaseId;
    assert.ok(rollbackId);
    assert.equal(
      run.stderr.trim().split('\n').at(-1),
      `forge-release: release ${release.id} succeeded, then its verification failed: failure-ratio was 0.2, above its max 0.05; rolled back by release ${rollbackId}`,
    );

    const again = await cli(['release', 'wait', release.id]);
    assert.equal(again.code, 4, shown(again));
    const show = await cli(['release', 'show', release.id]);
    assert.equal(show.code, 0, shown(show));
    assert.match(
      show.stdout,
      /verification window \S+ → \S+, every 1 s, on failure: rollback\n {4}\S+ ✗ failure-ratio 0\.2 \(max 0\.05\)\n {2}rolled back automatically: forge-release release show /,
    );
    const rollback = await cli(['release', 'wait', rollbackId]);
    assert.equal(rollback.code, 0, shown(rollback));
    assert.match(rollback.stdout, /development ← v1\.1\.0: succeeded$/m);
  });

  it('exits 5 when verification is inconclusive (Prometheus unreachable), never 0', async () => {
    await watch(`http://127.0.0.1:${await closedPort()}`, 'alert');
    const run = await cli(['deploy', 'v1.3.0', '--env', 'development', '--wait']);
    assert.equal(run.code, 5, shown(run));
    assert.match(
      run.stderr,
      /^forge-release: release \S+ succeeded, but its verification was inconclusive: 3 of 3 checks had no value to judge \(last: http:\/\/127\.0\.0\.1:\d+\/api\/v1\/query is unreachable: ECONNREFUSED\): never counted as passed$/m,
    );
  });
});
