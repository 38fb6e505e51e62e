import assert from 'node:assert/strict';
import type { Release } from '../../../core/api/release';
import type { VerificationConfig } from '../../../core/api/verification';
import type { LoggedEvent } from '../../../server/events/eventLog';
import { runDueVerifications } from '../../../server/verification/verificationRounds';
import type { TestEngine } from '../../support/engines';
import { testPrometheus, type MetricsScope, type TestPrometheus } from '../../support/prometheus';
import { versionBody, workflowUpload, type Upload } from '../support/artifacts';
import { startTestService, type TestService } from '../support/testService';

/**
 * A service on an injected clock with two versions (of two workflows `intake` and `triage`, or `artifacts`), the first one active
 * in development, and a scope of series in the run's real Prometheus. Time moves only when the test says, so a
 * window of minutes is checked round by round without waiting; Prometheus answers in real time.
 */
export interface VerificationFixture {
  service: TestService;
  prometheus: TestPrometheus;
  metrics: MetricsScope;
  /** Every event published since the fixture started. */
  events: LoggedEvent[];
  now(): Date;
  /** Moves the clock on. */
  advance(seconds: number): void;
  /** Sets development's verification (200 expected). */
  watch(config: VerificationConfig): Promise<void>;
  /** Deploys `version` to development and waits for it to finish. */
  deploy(version: string, environment?: string): Promise<Release>;
  /** Registers one more version, of `artifacts(revision)`. */
  register(tag: string, revision: number): Promise<void>;
  /** Moves the clock one interval on, runs the due rounds and whatever they started, and returns the release. */
  nextRound(releaseId: string, seconds: number): Promise<Release>;
  release(id: string): Promise<Release>;
  close(): Promise<void>;
}

/** The artifacts of each version the fixture registers: two small workflows unless told otherwise. */
export type VersionArtifacts = (revision: number) => Upload[];

const twoWorkflows: VersionArtifacts = (revision) => [workflowUpload('intake', revision), workflowUpload('triage', revision)];

export async function startVerificationFixture(engine: TestEngine, artifacts: VersionArtifacts = twoWorkflows): Promise<VerificationFixture> {
  let now = new Date('2026-03-02T09:00:00.000Z');
  const service = await startTestService({ engine, clock: () => now });
  const prometheus = await testPrometheus();
  const metrics = prometheus.scope();
  const events: LoggedEvent[] = [];
  const unsubscribe = service.deps.events.subscribe((event) => events.push(event));
  const release = async (id: string): Promise<Release> => {
    const answer = await service.call('GET', `/api/releases/${id}`);
    assert.equal(answer.status, 200, answer.text);
    return answer.body;
  };
  const register = async (tag: string, revision: number) => {
    const created = await service.call('POST', '/api/versions', versionBody(tag, artifacts(revision)));
    assert.equal(created.status, 201, created.text);
  };
  const deploy = async (version: string, environment = 'development') => {
    const started = await service.call('POST', '/api/releases', { version, environment });
    assert.equal(started.status, 202, started.text);
    await service.deps.tasks.idle();
    return release(started.body.id);
  };
  await register('v1.0.0', 1);
  await register('v1.0.1', 2);
  assert.equal((await deploy('v1.0.0')).status, 'succeeded');
  return {
    service,
    prometheus,
    metrics,
    events,
    now: () => now,
    advance(seconds) {
      now = new Date(now.getTime() + seconds * 1000);
    },
    async watch(config) {
      const put = await service.call('PUT', '/api/environments/development', { verification: config });
      assert.equal(put.status, 200, put.text);
    },
    deploy,
    register,
    async nextRound(releaseId, seconds) {
      now = new Date(now.getTime() + seconds * 1000);
      await runDueVerifications(service.deps);
      await service.deps.tasks.idle();
      return release(releaseId);
    },
    release,
    async close() {
      unsubscribe();
      metrics.clear();
      await service.close();
    },
  };
}

/** Development's verification watching one gauge of the fixture's scope, `forge_test_failure_ratio`, against a max. */
export function ratioWatch(fixture: VerificationFixture, overrides: Partial<VerificationConfig> = {}): VerificationConfig {
  return {
    prometheusUrl: fixture.prometheus.url,
    windowSeconds: 300,
    intervalSeconds: 60,
    metrics: [{ name: 'failure-ratio', query: `max(forge_test_failure_ratio{${fixture.metrics.selector}, environment="{{environment}}"})`, max: 0.05 }],
    onFailure: 'rollback',
    ...overrides,
  };
}

/** Sets the scope's failure ratio and waits until Prometheus has scraped it. */
export async function setRatio(fixture: VerificationFixture, value: number, labels: Record<string, string> = { environment: 'development' }): Promise<void> {
  fixture.metrics.gauge('forge_test_failure_ratio', labels, value);
  const matchers = Object.entries(labels)
    .map(([key, label]) => `${key}=${JSON.stringify(label)}`)
    .join(', ');
  await fixture.prometheus.waitFor(
    `forge_test_failure_ratio{${fixture.metrics.selector}, ${matchers}}`,
    (samples) => samples.length === 1 && samples[0]!.value === value,
  );
}
