import assert from 'node:assert/strict';
import { readActivePointer } from '../../server/environments/environmentDefinitions';
import { findEnvironmentRecord } from '../../server/environments/environmentStore';
import { versionBody, workflowUpload } from './support/artifacts';
import { startTestGateway, type TestGateway } from './support/testGateway';
import { startTestService, type TestService } from './support/testService';
import { describeEachEngine } from '../support/engines';

describeEachEngine('deployments through gateways', (engine) => {
  let service: TestService;
  let gateways: TestGateway[];

  beforeEach(async () => {
    service = await startTestService({ engine, gatewayTimeoutMs: 300 });
    gateways = await Promise.all([startTestGateway(), startTestGateway(), startTestGateway()]);
    const put = await service.call('PUT', '/api/environments/development', { gateways: gateways.map((g) => g.url) });
    assert.equal(put.status, 200, put.text);
    for (const [tag, revision] of [['v1.0.0', 1], ['v1.0.1', 2]] as const) {
      const created = await service.call('POST', '/api/versions', versionBody(tag, [workflowUpload('intake', revision), workflowUpload('triage', 1)]));
      assert.equal(created.status, 201, created.text);
    }
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

  it('activates a version on every gateway with its manifest, then flips the pointer', async () => {
    const release = await deploy('v1.0.0');
    assert.equal(release.status, 'succeeded');
    assert.equal(release.previousVersion, null);
    assert.equal((await pointer())?.version, 'v1.0.0');
    const version = (await service.call('GET', '/api/versions/v1.0.0')).body;
    for (const gateway of gateways) {
      assert.equal(gateway.active, 'v1.0.0');
      const manifest = gateway.received[0]!;
      assert.equal(manifest.environment, 'development');
      assert.deepEqual(manifest.artifacts.map((a) => a.hash).sort(), version.artifacts.map((a: any) => a.hash).sort());
      assert.equal((manifest.artifacts[0]!.content as any).kind, 'workflow');
    }
  });

  it('a failing gateway leaves the previous version active, fails the release with the reason, and re-activates the gateways that acknowledged', async () => {
    await deploy('v1.0.0');
    gateways[1]!.enqueue({ kind: 'fail', status: 503 });
    const release = await deploy('v1.0.1');
    assert.equal(release.status, 'failed');
    assert.match(release.reason, new RegExp(`${gateways[1]!.url} answered 503`));
    assert.equal(release.previousVersion, 'v1.0.0');
    assert.equal((await service.call('GET', '/api/environments/development')).body.activeVersion, 'v1.0.0');
    assert.equal((await pointer())?.version, 'v1.0.0');
    const previousManifest = gateways[0]!.received[0]!;
    for (const index of [0, 2]) {
      const received = gateways[index]!.received.map((m) => m.version);
      assert.deepEqual(received, ['v1.0.0', 'v1.0.1', 'v1.0.0'], `gateway ${index}`);
      assert.deepEqual(gateways[index]!.received[2]!.artifacts, previousManifest.artifacts);
      assert.equal(gateways[index]!.active, 'v1.0.0');
    }
    // The refusing gateway never took the new version, so it is not told again.
    assert.deepEqual(gateways[1]!.received.map((m) => m.version), ['v1.0.0', 'v1.0.1']);
    assert.equal(gateways[1]!.active, 'v1.0.0');
  });

  it('a gateway that does not answer in time fails the release and is re-activated too, as it may have applied', async () => {
    await deploy('v1.0.0');
    gateways[2]!.enqueue({ kind: 'hang' });
    const release = await deploy('v1.0.1');
    assert.equal(release.status, 'failed');
    assert.match(release.reason, /did not answer within 300 ms/);
    for (const gateway of gateways) assert.equal(gateway.active, 'v1.0.0');
    assert.equal((await pointer())?.version, 'v1.0.0');
  });

  it('a failed first deploy tells the acknowledged gateways that nothing is active', async () => {
    gateways[0]!.enqueue({ kind: 'drop' });
    gateways[1]!.enqueue({ kind: 'fail', status: 500 });
    const release = await deploy('v1.0.0');
    assert.equal(release.status, 'failed');
    assert.equal(await pointer(), null);
    assert.equal(gateways[0]!.active, null);
    assert.equal(gateways[2]!.active, null);
    assert.equal((await service.call('GET', '/api/environments/development')).body.activeVersion, null);
  });

  it('rolls back instantly to the version before the current one, audited with who, why and what', async () => {
    await deploy('v1.0.0');
    await deploy('v1.0.1');
    const started = await service.call('POST', '/api/environments/development/rollback', { reason: 'error rate up' });
    assert.equal(started.status, 202, started.text);
    assert.equal(started.body.kind, 'rollback');
    assert.equal(started.body.version, 'v1.0.0');
    await service.deps.tasks.idle();
    const release = (await service.call('GET', `/api/releases/${started.body.id}`)).body;
    assert.equal(release.status, 'succeeded');
    assert.equal(release.previousVersion, 'v1.0.1');
    assert.equal((await pointer())?.version, 'v1.0.0');
    for (const gateway of gateways) assert.equal(gateway.active, 'v1.0.0');
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
