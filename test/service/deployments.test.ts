import assert from 'node:assert/strict';
import { readActivePointer } from '../../server/environments/environmentDefinitions';
import { findEnvironmentRecord } from '../../server/environments/environmentStore';
import { versionBody, workflowUpload } from './support/artifacts';
import { codePlannerName, describeEachEngineAndGateway, type FakeGateway } from './support/gatewayKinds';
import { startTestService, type TestService } from './support/testService';

describeEachEngineAndGateway('deployments through gateways', (engine, kind) => {
  let service: TestService;
  let gateways: FakeGateway[];

  beforeEach(async () => {
    service = await startTestService({ engine, gatewayTimeoutMs: 300 });
    gateways = await Promise.all([kind.start(), kind.start(), kind.start()]);
    const put = await service.call('PUT', '/api/environments/development', { gateways: gateways.map((g) => g.entry) });
    assert.equal(put.status, 200, put.text);
    for (const [tag, revision] of [
      ['v1.0.0', 1],
      ['v1.0.1', 2],
    ] as const) {
      const created = await service.call('POST', '/api/versions', versionBody(tag, [workflowUpload('intake', revision), workflowUpload('triage', 1)]));
      assert.equal(created.status, 201, created.text);
    }
    await service.deps.tasks.idle();
  });

  afterEach(async () => {
    await service.close();
    await Promise.all(gateways.map((g) => g.close()));
  });

  async function deploy(version: string, environment = 'development') {
    const started = await service.call('POST', '/api/releases', { version, environment });
    assert.equal(started.status, 202, started.text);
    await service.deps.tasks.idle();
    return (await service.call('GET', `/api/releases/${started.body.id}`)).body;
  }

  async function pointer(environment = 'development') {
    const record = await findEnvironmentRecord(service.deps.db, environment);
    return readActivePointer(await service.deps.environmentDatabases.open(record!.databaseUrl));
  }

  /** Every gateway serves `version`'s two workflows and nothing else of Forge's; a Marie gateway keeps its code planner. */
  function assertServing(version: string | null) {
    for (const [index, gateway] of gateways.entries()) {
      assert.equal(gateway.active ?? null, version, `gateway ${index}`);
      assert.deepEqual(gateway.workflows, version === null ? [] : ['intake', 'triage'], `gateway ${index}`);
      if (gateway.marie) assert.equal(gateway.marie.planners.get(codePlannerName)?.source_type, 'code', `gateway ${index} lost its code planner`);
    }
  }

  it('activates a version on every gateway, then flips the pointer; the release says what each gateway got', async () => {
    const release = await deploy('v1.0.0');
    assert.equal(release.status, 'succeeded');
    assert.equal(release.previousVersion, null);
    assert.equal((await pointer())?.version, 'v1.0.0');
    assertServing('v1.0.0');
    assert.deepEqual(
      release.gateways.map((g: any) => [g.url, g.type, g.outcome, g.restore]),
      gateways.map((g) => [g.url, kind.name, 'published', null]),
    );
    const version = (await service.call('GET', '/api/versions/v1.0.0')).body;
    for (const [index, gateway] of gateways.entries()) {
      const result = release.gateways[index];
      if (gateway.webhook) {
        const manifest = gateway.webhook.received[0]!;
        assert.equal(manifest.environment, 'development');
        assert.equal(manifest.releaseId, release.id);
        assert.ok(Number.isInteger(manifest.sequence) && manifest.sequence > 0);
        assert.deepEqual(manifest.artifacts.map((a) => a.hash).sort(), version.artifacts.map((a: any) => a.hash).sort());
        assert.equal((manifest.artifacts[0]!.content as any).kind, 'workflow');
        assert.deepEqual(result.published, ['workflow/intake', 'workflow/triage']);
      } else {
        const intake = gateway.marie!.planners.get('intake')!;
        assert.equal(intake.version, 'v1.0.0');
        assert.equal(intake.source_type, 'json');
        assert.deepEqual(intake.tags.sort(), ['forge', 'forge-env:development', 'forge-version:v1.0.0']);
        assert.deepEqual(intake.plan_definition, JSON.parse(workflowUpload('intake', 1).content).spec.plan);
        assert.equal(intake.description, 'revision 1');
        assert.deepEqual(result.published.sort(), ['intake', 'triage']);
      }
    }
  });

  it('a failing gateway leaves the previous version active, fails the release with the reason, and restores every gateway that may have changed', async () => {
    await deploy('v1.0.0');
    gateways[1]!.enqueue({ kind: 'fail', status: 503 });
    const release = await deploy('v1.0.1');
    assert.equal(release.status, 'failed');
    assert.match(release.reason, new RegExp(`${gateways[1]!.url} answered 503`));
    assert.equal(release.previousVersion, 'v1.0.0');
    assert.equal((await service.call('GET', '/api/environments/development')).body.activeVersion, 'v1.0.0');
    assert.equal((await pointer())?.version, 'v1.0.0');
    assertServing('v1.0.0');
    for (const index of [0, 2]) assert.deepEqual([release.gateways[index].outcome, release.gateways[index].restore?.outcome], ['published', 'published']);
    assert.equal(release.gateways[1].outcome, 'failed');
    if (kind.name === 'webhook') {
      const previousManifest = gateways[0]!.webhook!.received[0]!;
      for (const index of [0, 2]) {
        const received = gateways[index]!.webhook!.received;
        assert.deepEqual(
          received.map((m) => m.version),
          ['v1.0.0', 'v1.0.1', 'v1.0.0'],
          `gateway ${index}`,
        );
        assert.deepEqual(received[2]!.artifacts, previousManifest.artifacts);
        // The restoring activation comes after the one it undoes, so a receiver applies it.
        assert.ok(received[2]!.sequence > received[1]!.sequence);
      }
      // The refusing gateway never took the new version, so it is not told again.
      assert.deepEqual(
        gateways[1]!.webhook!.received.map((m) => m.version),
        ['v1.0.0', 'v1.0.1'],
      );
      assert.equal(release.gateways[1].restore, null);
    } else {
      // On Marie the planner was unregistered before the refused registration: that gateway is restored as well.
      assert.equal(release.gateways[1].restore?.outcome, 'published');
      assert.ok(release.gateways[1].restore?.published.includes('intake'));
    }
  });

  it('a gateway that does not answer in time fails the release and is restored too, as it may have applied', async () => {
    await deploy('v1.0.0');
    gateways[2]!.enqueue({ kind: 'hang' });
    // A Marie registration whose answer is lost is decided by reading it back: the read must be lost too.
    gateways[2]!.marie?.enqueue([{ kind: 'hang' }], 'read');
    const release = await deploy('v1.0.1');
    assert.equal(release.status, 'failed');
    assert.match(release.reason, /did not answer within 300 ms/);
    assertServing('v1.0.0');
    assert.equal((await pointer())?.version, 'v1.0.0');
  });

  it('a failed first deploy tells the gateways that may have taken it that nothing is active', async () => {
    gateways[0]!.enqueue({ kind: 'drop' });
    gateways[1]!.enqueue({ kind: 'fail', status: 500 });
    const release = await deploy('v1.0.0');
    assert.equal(release.status, 'failed');
    assert.equal(await pointer(), null);
    assert.equal(gateways[0]!.active, null);
    assert.equal(gateways[2]!.active, null);
    assertServing(null);
    assert.equal((await service.call('GET', '/api/environments/development')).body.activeVersion, null);
  });

  it('rolls back instantly to the version before the current one, audited with who, why and what', async () => {
    await deploy('v1.0.0');
    await deploy('v1.0.1');
    assertServing('v1.0.1');
    const started = await service.call('POST', '/api/environments/development/rollback', { reason: 'error rate up' });
    assert.equal(started.status, 202, started.text);
    assert.equal(started.body.kind, 'rollback');
    assert.equal(started.body.version, 'v1.0.0');
    await service.deps.tasks.idle();
    const release = (await service.call('GET', `/api/releases/${started.body.id}`)).body;
    assert.equal(release.status, 'succeeded');
    assert.equal(release.previousVersion, 'v1.0.1');
    assert.equal((await pointer())?.version, 'v1.0.0');
    assertServing('v1.0.0');
    for (const gateway of gateways) {
      // The previous version's own plans are back, not the current plans relabelled.
      if (gateway.marie) assert.deepEqual(gateway.marie.planners.get('intake')!.plan_definition, JSON.parse(workflowUpload('intake', 1).content).spec.plan);
    }
    const audit = await service.deps.db.execute("SELECT actor, version, details FROM audit_events WHERE action = 'rollback.executed'");
    assert.equal(audit.rows.length, 1);
    assert.equal(audit.rows[0]!.actor, 'admin');
    assert.deepEqual(JSON.parse(String(audit.rows[0]!.details)), { reason: 'error rate up', fromVersion: 'v1.0.1', restoredVersion: 'v1.0.0' });
  });

  it('refuses a rollback to a version never deployed here, or when there is nothing before the current', async () => {
    const nothing = await service.call('POST', '/api/environments/development/rollback', {});
    assert.equal(nothing.status, 409);
    assert.equal(nothing.body.error.code, 'nothing_to_roll_back');
    await deploy('v1.0.0');
    const never = await service.call('POST', '/api/environments/development/rollback', { version: 'v1.0.1' });
    assert.equal(never.status, 409);
    assert.equal(never.body.error.code, 'not_deployed_here');
  });

  it('answers 409 lock_held while a release of the environment is in progress, writing nothing', async () => {
    gateways[0]!.enqueue({ kind: 'slow', ms: 200 });
    const first = await service.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'development' });
    assert.equal(first.status, 202);
    const before = await service.deps.db.execute('SELECT COUNT(*) AS n FROM releases');
    const second = await service.call('POST', '/api/releases', { version: 'v1.0.1', environment: 'development' });
    assert.equal(second.status, 409);
    assert.equal(second.body.error.code, 'lock_held');
    const after = await service.deps.db.execute('SELECT COUNT(*) AS n FROM releases');
    assert.equal(after.rows[0]!.n, before.rows[0]!.n);
    // Another environment is not locked.
    const staging = await service.call('PUT', '/api/environments/staging', { gates: { validation: true } });
    assert.equal(staging.status, 200);
    assert.equal((await service.call('POST', '/api/releases', { version: 'v1.0.1', environment: 'staging' })).status, 202);
    await service.deps.tasks.idle();
  });

  it('promotes the version active in the previous environment', async () => {
    await deploy('v1.0.0');
    const promoted = await service.call('POST', '/api/environments/staging/promote', {});
    assert.equal(promoted.status, 202, promoted.text);
    assert.equal(promoted.body.kind, 'promote');
    assert.equal(promoted.body.version, 'v1.0.0');
    await service.deps.tasks.idle();
    assert.equal((await service.call('GET', '/api/environments/staging')).body.activeVersion, 'v1.0.0');
    const first = await service.call('POST', '/api/environments/development/promote', {});
    assert.equal(first.status, 409);
    assert.equal(first.body.error.code, 'no_previous_environment');
  });
});
