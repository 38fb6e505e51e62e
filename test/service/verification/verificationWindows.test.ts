import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import type { Release } from '../../../core/api/release';
import { describeEachEngine } from '../../support/engines';
import { closedPort } from '../support/listen';
import { ratioWatch, setRatio, startVerificationFixture, type VerificationFixture } from './verificationService';

describeEachEngine('verification windows on real metrics', function (engine) {
  this.timeout(60_000);
  let fixture: VerificationFixture;

  beforeEach(async () => {
    fixture = await startVerificationFixture(engine);
  });

  afterEach(async () => {
    await fixture.close();
  });

  async function auditRows(action: string) {
    const rows = await fixture.service.deps.db.execute({
      sql: 'SELECT actor, environment, version, release_id, outcome, details FROM audit_events WHERE action = ? ORDER BY seq',
      args: [action],
    });
    return rows.rows.map(
      (row) =>
        ({ ...row, details: JSON.parse(String(row.details)) }) as {
          actor: string;
          environment: string;
          version: string;
          release_id: string;
          outcome: string;
          details: any;
        },
    );
  }

  it('a release whose metric stays within bounds for the whole window ends passed, each round recorded and streamed', async () => {
    await setRatio(fixture, 0.01);
    await fixture.watch(ratioWatch(fixture));
    const deployed = await fixture.deploy('v1.0.1');
    const opened = fixture.now();
    assert.deepEqual(
      { ...deployed.verification, checks: deployed.verification?.checks.length },
      {
        state: 'running',
        startedAt: opened.toISOString(),
        until: new Date(opened.getTime() + 300_000).toISOString(),
        intervalSeconds: 60,
        onFailure: 'rollback',
        finishedAt: null,
        reason: null,
        rollbackReleaseId: null,
        checks: 0,
      },
    );
    for (let round = 1; round <= 4; round += 1) {
      const release = await fixture.nextRound(deployed.id, 60);
      assert.equal(release.verification?.state, 'running', `round ${round}`);
      assert.equal(release.verification?.checks.length, round);
    }
    const final = await fixture.nextRound(deployed.id, 60);
    assert.equal(final.verification?.state, 'passed');
    assert.equal(final.verification?.reason, 'every check (5) was within its bounds');
    assert.equal(final.verification?.finishedAt, fixture.now().toISOString());
    assert.deepEqual(
      final.verification?.checks.map(({ metric, value, bound, verdict }) => ({ metric, value, bound, verdict })),
      Array(5).fill({ metric: 'failure-ratio', value: 0.01, bound: 'max 0.05', verdict: 'pass' }),
    );
    assert.deepEqual(
      final.verification?.checks.map((check) => check.at),
      [1, 2, 3, 4, 5].map((minute) => new Date(opened.getTime() + minute * 60_000).toISOString()),
    );
    // Nothing more happens once the window is over.
    assert.equal((await fixture.nextRound(deployed.id, 60)).verification?.checks.length, 5);

    const streamed = fixture.events.filter((logged) => logged.event.type === 'release.updated' && logged.event.data.id === deployed.id && logged.event.data.verification);
    const states = streamed.map(
      (logged) => logged.event.type === 'release.updated' && `${logged.event.data.verification?.state}:${logged.event.data.verification?.checks.length}`,
    );
    assert.deepEqual(states, ['running:0', 'running:1', 'running:2', 'running:3', 'running:4', 'passed:5']);
    const [completed] = await auditRows('verification.completed');
    assert.deepEqual(completed, {
      actor: 'system',
      environment: 'development',
      version: 'v1.0.1',
      release_id: deployed.id,
      outcome: 'passed',
      details: { onFailure: 'rollback', checks: 5, breach: null, reason: 'every check (5) was within its bounds', rollbackReleaseId: null },
    });
    const metrics = await (await fixture.service.app.request('/metrics')).text();
    assert.match(metrics, /^forge_verifications_total\{environment="development",outcome="passed"\} 1$/m);
    const lint = spawnSync('promtool', ['check', 'metrics'], { input: metrics, encoding: 'utf8' });
    assert.equal(lint.status, 0, `promtool check metrics: ${lint.stdout}${lint.stderr}`);
  });

  it('a breach rolls the environment back to the previous version in the same round, requested by system, audited with the metric, value and bound', async () => {
    await setRatio(fixture, 0.01);
    await fixture.watch(ratioWatch(fixture));
    const deployed = await fixture.deploy('v1.0.1');
    assert.equal((await fixture.nextRound(deployed.id, 60)).verification?.state, 'running');
    await setRatio(fixture, 0.12);
    const failed = await fixture.nextRound(deployed.id, 60);
    const breachAt = fixture.now().toISOString();
    const reason = 'failure-ratio was 0.12, above its max 0.05';
    assert.equal(failed.verification?.state, 'failed');
    assert.equal(failed.verification?.reason, reason);
    assert.deepEqual(failed.verification?.checks.at(-1), {
      metric: 'failure-ratio',
      value: 0.12,
      bound: 'max 0.05',
      verdict: 'breach',
      at: breachAt,
      series: null,
      detail: null,
    });
    const rollbackId = failed.verification?.rollbackReleaseId;
    assert.ok(rollbackId);
    const rollback = await fixture.release(rollbackId);
    assert.deepEqual(
      {
        kind: rollback.kind,
        version: rollback.version,
        previousVersion: rollback.previousVersion,
        requestedBy: rollback.requestedBy,
        status: rollback.status,
        requestedAt: rollback.requestedAt,
        gates: rollback.gates,
      },
      { kind: 'rollback', version: 'v1.0.0', previousVersion: 'v1.0.1', requestedBy: 'system', status: 'succeeded', requestedAt: breachAt, gates: [] },
    );
    // A rollback opens no window of its own.
    assert.equal(rollback.verification, null);
    const environment = (await fixture.service.call('GET', '/api/environments/development')).body;
    assert.equal(environment.activeVersion, 'v1.0.0');
    assert.equal(environment.lastRelease.id, rollbackId);

    const [requested] = (await auditRows('release.requested')).filter((row) => row.release_id === rollbackId);
    assert.deepEqual({ actor: requested?.actor, outcome: requested?.outcome, kind: requested?.details.kind }, { actor: 'system', outcome: 'accepted', kind: 'rollback' });
    const [executed] = await auditRows('rollback.executed');
    assert.deepEqual(executed, {
      actor: 'system',
      environment: 'development',
      version: 'v1.0.0',
      release_id: rollbackId,
      outcome: 'succeeded',
      details: { reason: `automatic rollback: verification of v1.0.1 failed: ${reason}`, restoredVersion: 'v1.0.0', fromVersion: 'v1.0.1' },
    });
    const [completed] = await auditRows('verification.completed');
    assert.deepEqual(completed?.details, {
      onFailure: 'rollback',
      checks: 2,
      breach: { metric: 'failure-ratio', value: 0.12, bound: 'max 0.05', series: null },
      reason,
      rollbackReleaseId: rollbackId,
    });
    assert.equal(completed?.outcome, 'failed');
    // The window is over: later rounds change nothing.
    assert.equal((await fixture.nextRound(deployed.id, 60)).verification?.checks.length, 2);
    const metrics = await (await fixture.service.app.request('/metrics')).text();
    assert.match(metrics, /^forge_verifications_total\{environment="development",outcome="failed"\} 1$/m);
  });

  it('with onFailure "alert" a breach is recorded and streamed, and nothing is rolled back', async () => {
    await setRatio(fixture, 0.3);
    await fixture.watch(ratioWatch(fixture, { onFailure: 'alert' }));
    const deployed = await fixture.deploy('v1.0.1');
    const failed = await fixture.nextRound(deployed.id, 60);
    assert.equal(failed.verification?.state, 'failed');
    assert.equal(failed.verification?.rollbackReleaseId, null);
    assert.equal(failed.verification?.checks[0]?.verdict, 'breach');
    const releases = (await fixture.service.call('GET', '/api/releases?environment=development')).body.items as Release[];
    assert.deepEqual(
      releases.map((release) => `${release.kind} ${release.version}`),
      ['deploy v1.0.1', 'deploy v1.0.0'],
    );
    assert.equal((await fixture.service.call('GET', '/api/environments/development')).body.activeVersion, 'v1.0.1');
    const streamed = fixture.events.filter((logged) => logged.event.type === 'release.updated' && logged.event.data.id === deployed.id).at(-1);
    assert.equal(streamed?.event.type === 'release.updated' && streamed.event.data.verification?.state, 'failed');
    const [completed] = await auditRows('verification.completed');
    assert.equal(completed?.outcome, 'failed');
    assert.deepEqual(completed?.details.breach, { metric: 'failure-ratio', value: 0.3, bound: 'max 0.05', series: null });
  });

  it('a query that returns no sample makes the window inconclusive, never passed', async () => {
    await fixture.watch(
      ratioWatch(fixture, {
        windowSeconds: 120,
        metrics: [{ name: 'missing', query: `forge_test_never_exported{${fixture.metrics.selector}}`, max: 1 }],
      }),
    );
    const deployed = await fixture.deploy('v1.0.1');
    const first = await fixture.nextRound(deployed.id, 60);
    assert.deepEqual(first.verification?.checks[0], {
      metric: 'missing',
      value: null,
      bound: 'max 1',
      verdict: 'inconclusive',
      at: fixture.now().toISOString(),
      series: null,
      detail: 'the query returned no sample',
    });
    const final = await fixture.nextRound(deployed.id, 60);
    assert.equal(final.verification?.state, 'inconclusive');
    assert.equal(final.verification?.reason, '2 of 2 checks had no value to judge (last: the query returned no sample): never counted as passed');
    assert.equal((await fixture.service.call('GET', '/api/environments/development')).body.activeVersion, 'v1.0.1');
  });

  it('one check without a value among passing ones still leaves the window inconclusive', async () => {
    await setRatio(fixture, 0.01);
    await fixture.watch(ratioWatch(fixture, { windowSeconds: 120 }));
    const deployed = await fixture.deploy('v1.0.1');
    assert.equal((await fixture.nextRound(deployed.id, 60)).verification?.checks[0]?.verdict, 'pass');
    fixture.metrics.clear();
    await fixture.prometheus.waitFor(`forge_test_failure_ratio{${fixture.metrics.selector}}`, (samples) => samples.length === 0);
    const final = await fixture.nextRound(deployed.id, 60);
    assert.deepEqual(
      final.verification?.checks.map((check) => check.verdict),
      ['pass', 'inconclusive'],
    );
    assert.equal(final.verification?.state, 'inconclusive');
  });

  it('an unreachable Prometheus makes every check inconclusive and the window inconclusive', async () => {
    const port = await closedPort();
    await fixture.watch(ratioWatch(fixture, { prometheusUrl: `http://127.0.0.1:${port}`, windowSeconds: 60 }));
    const deployed = await fixture.deploy('v1.0.1');
    const final = await fixture.nextRound(deployed.id, 60);
    assert.equal(final.verification?.state, 'inconclusive');
    assert.equal(final.verification?.checks[0]?.verdict, 'inconclusive');
    assert.equal(final.verification?.checks[0]?.detail, `http://127.0.0.1:${port}/api/v1/query is unreachable: ECONNREFUSED`);
    const [completed] = await auditRows('verification.completed');
    assert.equal(completed?.outcome, 'inconclusive');
    const metrics = await (await fixture.service.app.request('/metrics')).text();
    assert.match(metrics, /^forge_verifications_total\{environment="development",outcome="inconclusive"\} 1$/m);
  });

  it('a query Prometheus refuses is inconclusive with its error, not a pass', async () => {
    await fixture.watch(ratioWatch(fixture, { windowSeconds: 60, metrics: [{ name: 'broken', query: 'rate(forge_test_failure_ratio[', max: 1 }] }));
    const deployed = await fixture.deploy('v1.0.1');
    const final = await fixture.nextRound(deployed.id, 60);
    assert.equal(final.verification?.state, 'inconclusive');
    assert.match(final.verification?.checks[0]?.detail ?? '', /^Prometheus refused the query \(400 bad_data\): /);
  });

  it('{{workflow}} stands for every workflow of the version: the worst planner decides and is named', async () => {
    for (const [planner, ratio] of [
      ['intake', 0.01],
      ['triage', 0.09],
      ['other-workflow', 0.9],
    ] as const) {
      fixture.metrics.gauge('forge_test_failure_ratio', { environment: 'development', planner }, ratio);
    }
    await fixture.prometheus.waitFor(`forge_test_failure_ratio{${fixture.metrics.selector}}`, (samples) => samples.length === 3);
    await fixture.watch(
      ratioWatch(fixture, {
        onFailure: 'alert',
        metrics: [
          {
            name: 'failure-ratio',
            query: `max by (planner) (forge_test_failure_ratio{${fixture.metrics.selector}, environment="{{environment}}", planner=~"{{workflow}}"})`,
            max: 0.05,
          },
        ],
      }),
    );
    const deployed = await fixture.deploy('v1.0.1');
    const failed = await fixture.nextRound(deployed.id, 60);
    // other-workflow (0.9) is no workflow of v1.0.1, so it is not matched; of intake and triage the worst is named.
    assert.deepEqual({ value: failed.verification?.checks[0]?.value, series: failed.verification?.checks[0]?.series }, { value: 0.09, series: '{planner="triage"}' });
    assert.equal(failed.verification?.reason, 'failure-ratio was 0.09 {planner="triage"}, above its max 0.05');
  });

  it('a manual release ends the running window as inconclusive, and opens its own', async () => {
    await setRatio(fixture, 0.01);
    await fixture.watch(ratioWatch(fixture));
    const first = await fixture.deploy('v1.0.1');
    assert.equal((await fixture.nextRound(first.id, 60)).verification?.checks.length, 1);
    await fixture.register('v1.0.2', 3);
    const second = await fixture.deploy('v1.0.2');
    const ended = await fixture.release(first.id);
    assert.equal(ended.verification?.state, 'inconclusive');
    assert.equal(ended.verification?.reason, `ended early: admin started a deploy of v1.0.2 (release ${second.id}) before the window was over`);
    assert.equal(second.verification?.state, 'running');
    const streamed = fixture.events.filter((logged) => logged.event.type === 'release.updated' && logged.event.data.id === first.id).at(-1);
    assert.equal(streamed?.event.type === 'release.updated' && streamed.event.data.verification?.state, 'inconclusive');
    // Only the new window is checked from now on.
    await fixture.nextRound(second.id, 60);
    assert.equal((await fixture.release(first.id)).verification?.checks.length, 1);
    assert.equal((await fixture.release(second.id)).verification?.checks.length, 1);
    const [completed] = await auditRows('verification.completed');
    assert.deepEqual({ releaseId: completed?.release_id, outcome: completed?.outcome }, { releaseId: first.id, outcome: 'inconclusive' });
  });

  it('a breach of the first version ever deployed fails the window without a rollback, saying why', async () => {
    await setRatio(fixture, 0.5, { environment: 'staging' });
    const put = await fixture.service.call('PUT', '/api/environments/staging', { verification: ratioWatch(fixture), gates: { validation: true } });
    assert.equal(put.status, 200, put.text);
    const deployed = await fixture.deploy('v1.0.1', 'staging');
    const failed = await fixture.nextRound(deployed.id, 60);
    assert.equal(failed.verification?.state, 'failed');
    assert.equal(failed.verification?.rollbackReleaseId, null);
    assert.equal(failed.verification?.reason, 'failure-ratio was 0.5, above its max 0.05; not rolled back: staging ran no version before v1.0.1');
    assert.equal((await fixture.service.call('GET', '/api/environments/staging')).body.activeVersion, 'v1.0.1');
  });

  it('a window keeps the configuration it opened with; a new configuration applies to the next release', async () => {
    await setRatio(fixture, 0.2);
    await fixture.watch(ratioWatch(fixture, { onFailure: 'alert' }));
    const deployed = await fixture.deploy('v1.0.1');
    await fixture.watch(
      ratioWatch(fixture, { onFailure: 'alert', metrics: [{ name: 'failure-ratio', query: `max(forge_test_failure_ratio{${fixture.metrics.selector}})`, max: 0.5 }] }),
    );
    const failed = await fixture.nextRound(deployed.id, 60);
    assert.equal(failed.verification?.checks[0]?.bound, 'max 0.05');
    assert.equal(failed.verification?.state, 'failed');
    const removed = await fixture.service.call('PUT', '/api/environments/development', { verification: null });
    assert.equal(removed.body.verification, null);
    await fixture.register('v1.0.2', 3);
    assert.equal((await fixture.deploy('v1.0.2')).verification, null);
  });

  it('claims a round only from a replica that is gone or from its own run that ended without recording it', async () => {
    await setRatio(fixture, 0.01);
    await fixture.watch(ratioWatch(fixture));
    const deployed = await fixture.deploy('v1.0.1');
    const { db } = fixture.service.deps;
    const at = fixture.now().toISOString();
    const claimBy = async (instance: string, pid: number) => {
      await db.execute({
        sql: `INSERT INTO service_instances (id, pid, host, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET pid = excluded.pid`,
        args: [instance, pid, hostname(), at, at],
      });
      await db.execute({ sql: 'UPDATE release_verifications SET claimed_round = next_round, claimed_by = ? WHERE release_id = ?', args: [instance, deployed.id] });
    };
    // A live replica (this very process, under another instance id) is querying: nobody else takes its round.
    await claimBy('replica-alive', process.pid);
    assert.equal((await fixture.nextRound(deployed.id, 60)).verification?.checks.length, 0);
    // Its process is gone: the round is claimed again and recorded once.
    await claimBy('replica-gone', spawnSync(process.execPath, ['-e', '0']).pid);
    assert.equal((await fixture.nextRound(deployed.id, 0)).verification?.checks.length, 1);
    // This service claimed round 2 in a run that ended without recording it (its recording failed): it claims it again.
    await claimBy(fixture.service.deps.instance.id, process.pid);
    const recorded = await fixture.nextRound(deployed.id, 60);
    assert.equal(recorded.verification?.checks.length, 2);
    const rounds = await db.execute({ sql: 'SELECT round FROM verification_checks WHERE release_id = ? ORDER BY round', args: [deployed.id] });
    assert.deepEqual(
      rounds.rows.map((row) => Number(row.round)),
      [1, 2],
    );
  });
});
