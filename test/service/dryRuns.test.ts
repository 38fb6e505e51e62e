import assert from 'node:assert/strict';
import { describeEachEngine } from '../support/engines';
import { versionBody, workflowUpload } from './support/artifacts';
import { serveOnPort, type ServedService } from './support/servedService';
import { startTestService, type TestService } from './support/testService';

describeEachEngine('dry runs of promote and rollback over a real port', (engine) => {
  let service: TestService;
  let served: ServedService;

  /** v1.0.0 then v1.0.1 (one artifact changed, one added) in development; v1.0.0 in staging. */
  beforeEach(async () => {
    service = await startTestService({ engine });
    served = await serveOnPort(service);
    await registered('v1.0.0', [workflowUpload('intake', 1)]);
    await registered('v1.0.1', [workflowUpload('intake', 2), workflowUpload('triage', 1)]);
    await deployed('v1.0.0', 'development');
    await deployed('v1.0.0', 'staging');
    await deployed('v1.0.1', 'development');
  });
  afterEach(async () => served.close());

  async function registered(tag: string, artifacts: ReturnType<typeof workflowUpload>[]) {
    const created = await served.call('POST', '/api/versions', versionBody(tag, artifacts));
    assert.equal(created.status, 201, created.text);
  }
  async function deployed(version: string, environment: string) {
    const started = await served.call('POST', '/api/releases', { version, environment });
    assert.equal(started.status, 202, started.text);
    await service.deps.tasks.idle();
  }
  /** What a dry run must leave untouched: the release history and the audit log. */
  async function footprint() {
    const releases = await service.deps.db.execute('SELECT COUNT(*) AS n FROM releases');
    const events = await service.deps.db.execute('SELECT COUNT(*) AS n FROM audit_events');
    return { releases: Number(releases.rows[0]!.n), events: Number(events.rows[0]!.n) };
  }

  it('promote with dryRun answers 200 with the verdicts and the plan against what is active, and writes nothing', async () => {
    const before = await footprint();
    const answer = await served.call('POST', '/api/environments/staging/promote', { dryRun: true });
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(
      answer.body.gates.map((verdict: any) => [verdict.gate, verdict.passed]),
      [
        ['validation', true],
        ['promotion-order', true],
      ],
    );
    assert.deepEqual(
      answer.body.plan.added.map((entry: any) => entry.name),
      ['triage'],
    );
    assert.deepEqual(
      answer.body.plan.changed.map((entry: any) => entry.name),
      ['intake'],
    );
    assert.deepEqual(answer.body.plan.removed, []);
    assert.deepEqual([answer.body.wouldPass, answer.body.needsApproval], [true, false]);
    assert.deepEqual(await footprint(), before);
    assert.equal((await served.call('GET', '/api/environments/staging')).body.activeVersion, 'v1.0.0');

    // Production: the checks are missing and the approvals would follow; still nothing written.
    const production = await served.call('POST', '/api/environments/production/promote', { dryRun: true });
    assert.equal(production.status, 200, production.text);
    assert.equal(production.body.wouldPass, false);
    assert.deepEqual(
      production.body.gates.filter((verdict: any) => !verdict.passed).map((verdict: any) => verdict.gate),
      ['required-checks'],
    );
    assert.deepEqual(await footprint(), before);
  });

  it('rollback with dryRun answers 200 with the freeze verdict and what would change back, and writes nothing', async () => {
    const before = await footprint();
    const answer = await served.call('POST', '/api/environments/development/rollback', { dryRun: true, reason: 'check first' });
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(answer.body.gates, []);
    assert.deepEqual(
      answer.body.plan.changed.map((entry: any) => entry.name),
      ['intake'],
    );
    assert.deepEqual(
      answer.body.plan.removed.map((entry: any) => entry.name),
      ['triage'],
    );
    assert.deepEqual([answer.body.wouldPass, answer.body.needsApproval], [true, false]);
    assert.deepEqual(await footprint(), before);
    assert.equal((await served.call('GET', '/api/environments/development')).body.activeVersion, 'v1.0.1');
  });

  it('a dry run is refused for the same reasons as the real request', async () => {
    const nothing = await served.call('POST', '/api/environments/staging/rollback', { dryRun: true });
    assert.deepEqual([nothing.status, nothing.body.error.code], [409, 'nothing_to_roll_back']);
    const first = await served.call('POST', '/api/environments/development/promote', { dryRun: true });
    assert.deepEqual([first.status, first.body.error.code], [409, 'no_previous_environment']);
    const developer = await service.userToken('dev', 'developer');
    const forbidden = await served.call('POST', '/api/environments/staging/promote', { dryRun: true }, developer);
    assert.equal(forbidden.status, 403);
  });
});
