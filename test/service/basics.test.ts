import assert from 'node:assert/strict';
import { startTestService, type TestService } from './support/testService';
import { versionBody, workflowUpload } from './support/artifacts';
import { describeEachEngine } from '../support/engines';

describeEachEngine('service basics', (engine) => {
  let service: TestService;
  beforeEach(async () => {
    service = await startTestService({ engine });
  });
  afterEach(async () => service.close());

  it('answers /healthz and /api/openapi.json without a token, and 401 on /api routes without one', async () => {
    assert.deepEqual((await service.call('GET', '/healthz', undefined, null)).body, { status: 'ok' });
    const doc = await service.call('GET', '/api/openapi.json', undefined, null);
    assert.equal(doc.status, 200);
    assert.ok(doc.body.paths['/api/releases'].post);
    for (const token of [null, 'not-a-valid-token-at-all', `forge_${'x'.repeat(43)}`]) {
      const me = await service.call('GET', '/api/me', undefined, token);
      assert.equal(me.status, 401);
      assert.equal(me.body.error.code, 'unauthorized');
    }
  });

  it('tells the signed-in user who they are', async () => {
    const me = await service.call('GET', '/api/me');
    assert.equal(me.status, 200);
    assert.equal(me.body.name, 'admin');
    assert.equal(me.body.role, 'admin');
  });

  it('seeds development → staging → production with the seed table fields', async () => {
    const list = await service.call('GET', '/api/environments');
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.body.items.map((e: any) => [e.name, e.tier, e.stability, e.deployRole]),
      [
        ['development', 'development', 'Unstable', 'developer'],
        ['staging', 'staging', 'Stable', 'maintainer'],
        ['production', 'production', 'Highly stable', 'admin'],
      ],
    );
    const production = list.body.items[2];
    assert.deepEqual(production.approvalPolicy, { reviewers: ['role:maintainer', 'role:admin'], required: 2, timeoutMinutes: 1440, onGateChange: 'reapprove' });
    assert.equal(production.activeVersion, null);
    // Its definitions live apart: a file beside the embedded database, a schema of the PostgreSQL one.
    assert.match(production.databaseUrl, engine.name === 'postgres' ? /^postgres:\/\/127\.0\.0\.1:\d+\/\w+\?schema=env_production$/ : /env-production\.db$/);
  });

  it('registers a version, deploys it to development and reports it active', async () => {
    const created = await service.call('POST', '/api/versions', versionBody('v1.0.0', [workflowUpload('intake', 1)]));
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.valid, true);
    const release = await service.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'development' });
    assert.equal(release.status, 202, release.text);
    assert.equal(release.body.status, 'in-progress');
    await service.deps.tasks.idle();
    const finished = await service.call('GET', `/api/releases/${release.body.id}`);
    assert.equal(finished.body.status, 'succeeded', finished.text);
    const development = await service.call('GET', '/api/environments/development');
    assert.equal(development.body.activeVersion, 'v1.0.0');
    assert.equal(development.body.lastRelease.id, release.body.id);
  });
});
