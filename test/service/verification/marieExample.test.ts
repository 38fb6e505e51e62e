import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VerificationConfig } from '../../../core/api/verification';
import { renderQuery } from '../../../core/verification/queryPlaceholders';
import { describeEachEngine } from '../../support/engines';
import { claimsRepoArtifacts, type Upload } from '../support/artifacts';
import { startVerificationFixture, type VerificationFixture } from './verificationService';

const example = JSON.parse(readFileSync(join(__dirname, '../../../examples/verification/marie-production.json'), 'utf8')) as { verification: VerificationConfig };
const planners = ['claims-correspondence', 'claims-fraud-review', 'claims-intake'];

/** The claims repository; each revision changes one description, as a patch does. */
function claimsRevision(revision: number): Upload[] {
  return claimsRepoArtifacts().map((upload) =>
    upload.path === 'workflows/claims-intake.json'
      ? { ...upload, content: upload.content.replace('Classify incoming', `Classify incoming (revision ${revision})`) }
      : upload,
  );
}

describeEachEngine('the Marie-AI verification example on a real Prometheus', function (engine) {
  this.timeout(90_000);
  let fixture: VerificationFixture;

  beforeEach(async () => {
    fixture = await startVerificationFixture(engine, claimsRevision);
  });

  afterEach(async () => {
    await fixture.close();
  });

  /** The example's configuration on this test's Prometheus, each Marie series selector narrowed to the test's scope. */
  function exampleOnTestPrometheus(): VerificationConfig {
    const { verification } = example;
    return {
      ...verification,
      prometheusUrl: fixture.prometheus.url,
      metrics: verification.metrics.map((metric) => ({ ...metric, query: metric.query.replace(/(marie_[a-z_]+)\{/g, `$1{${fixture.metrics.selector}, `) })),
    };
  }

  /**
   * Marie's job metrics for each planner of the claims workflows in development: `jobsPerSecond` jobs, a share of
   * them failing, durations spread so the 95th percentile is 3.75 s (90 % under 2.5 s, all under 5 s).
   */
  async function exportMarieMetrics(failureRatio: Record<string, number>): Promise<void> {
    const jobsPerSecond = 10;
    for (const planner of planners) {
      const labels = { environment: 'development', planner };
      fixture.metrics.counter('marie_jobs_total', labels, jobsPerSecond);
      fixture.metrics.counter('marie_jobs_failed_total', labels, jobsPerSecond * (failureRatio[planner] ?? 0.02));
      for (const [le, share] of [
        ['1', 0.2],
        ['2.5', 0.9],
        ['5', 1],
        ['10', 1],
        ['+Inf', 1],
      ] as const) {
        fixture.metrics.counter('marie_job_duration_seconds_bucket', { ...labels, le }, jobsPerSecond * share);
      }
    }
    // rate() needs two scrapes of every series: wait until both queries give a value per planner.
    const context = { environment: 'development', version: 'v1.0.1', workflows: planners };
    for (const metric of exampleOnTestPrometheus().metrics) {
      await fixture.prometheus.waitFor(
        renderQuery(metric.query, context),
        (samples) => samples.length === planners.length && samples.every((sample) => Number.isFinite(sample.value)),
      );
    }
  }

  it('a healthy release passes its checks with the failure ratio and 95th percentile the queries compute per planner', async () => {
    await exportMarieMetrics({});
    await fixture.watch(exampleOnTestPrometheus());
    const deployed = await fixture.deploy('v1.0.1');
    const checked = await fixture.nextRound(deployed.id, 30);
    assert.equal(checked.verification?.state, 'running');
    const [ratio, latency] = checked.verification?.checks ?? [];
    assert.deepEqual([ratio?.metric, ratio?.verdict, ratio?.bound], ['job-failure-ratio', 'pass', 'max 0.05']);
    assert.ok(Math.abs((ratio?.value ?? 0) - 0.02) < 0.002, `failure ratio ${ratio?.value}`);
    assert.match(ratio?.series ?? '', /^\{planner="claims-[a-z-]+"\}$/);
    assert.deepEqual([latency?.metric, latency?.verdict, latency?.bound], ['job-latency-p95-seconds', 'pass', 'max 120']);
    assert.ok(Math.abs((latency?.value ?? 0) - 3.75) < 0.1, `p95 ${latency?.value}`);
  });

  it('a planner failing 30 % of its jobs fails the window, named in the reason, and the environment is rolled back', async () => {
    await exportMarieMetrics({ 'claims-fraud-review': 0.3 });
    await fixture.watch(exampleOnTestPrometheus());
    const deployed = await fixture.deploy('v1.0.1');
    const failed = await fixture.nextRound(deployed.id, 30);
    assert.equal(failed.verification?.state, 'failed');
    assert.equal(failed.verification?.checks[0]?.series, '{planner="claims-fraud-review"}');
    assert.match(failed.verification?.reason ?? '', /^job-failure-ratio was 0\.(29|3|30)\d* \{planner="claims-fraud-review"\}, above its max 0\.05$/);
    const rollback = await fixture.release(failed.verification.rollbackReleaseId!);
    assert.deepEqual([rollback.kind, rollback.version, rollback.status], ['rollback', 'v1.0.0', 'succeeded']);
    assert.equal((await fixture.service.call('GET', '/api/environments/development')).body.activeVersion, 'v1.0.0');
  });
});
