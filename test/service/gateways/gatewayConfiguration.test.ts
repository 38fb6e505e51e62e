import assert from 'node:assert/strict';
import { describeEachEngine } from '../../support/engines';
import { startTestService, type TestService } from '../support/testService';

describeEachEngine('configuring the gateways of an environment', (engine) => {
  let service: TestService;

  before(async () => {
    service = await startTestService({ engine });
  });
  after(() => service.close());

  const put = (environment: string, body: unknown) => service.call('PUT', `/api/environments/${environment}`, body);

  it('accepts URL strings and typed gateways, answers them as configured, each not checked yet', async () => {
    const gateways = [
      'http://hooks.internal:8080',
      { type: 'marie', url: 'http://marie-1.internal:51000', tokenVariable: 'MARIE_API_KEY' },
      { type: 'webhook', url: 'https://audit.example.com/forge', secretVariable: 'HOOK_SECRET' },
    ];
    const answer = await put('staging', { gateways, reconcile: 'report' });
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(answer.body.gateways, gateways);
    assert.equal(answer.body.reconcile, 'report');
    assert.deepEqual(answer.body.sync, {
      state: 'unknown',
      checkedAt: null,
      gateways: [
        { url: 'http://hooks.internal:8080', type: 'webhook', state: 'unknown', missing: [], unexpected: [], outdated: [], detail: 'not checked yet' },
        { url: 'http://marie-1.internal:51000', type: 'marie', state: 'unknown', missing: [], unexpected: [], outdated: [], detail: 'not checked yet' },
        { url: 'https://audit.example.com/forge', type: 'webhook', state: 'unknown', missing: [], unexpected: [], outdated: [], detail: 'not checked yet' },
      ],
    });
    const development = (await service.call('GET', '/api/environments/development')).body;
    assert.deepEqual([development.reconcile, development.sync], ['auto', { state: 'in-sync', checkedAt: null, gateways: [] }]);
  });

  it('refuses malformed gateways with 400, naming the entry, and changes nothing', async () => {
    const before = (await service.call('GET', '/api/environments/development')).body;
    for (const gateways of [
      [{ type: 'kafka', url: 'http://broker:9092' }],
      [{ type: 'marie' }],
      [{ type: 'marie', url: 'ftp://marie:21' }],
      [{ type: 'marie', url: 'http://admin:s3cret@marie:51000' }],
      ['http://token@hooks.internal'],
      [{ type: 'marie', url: 'http://marie:51000', tokenVariable: 'not a name' }],
      [{ type: 'marie', url: 'http://marie:51000', secretVariable: 'HOOK_SECRET' }],
      ['http://hooks.internal', { type: 'webhook', url: 'http://hooks.internal/' }],
    ]) {
      const answer = await put('development', { gateways });
      assert.equal(answer.status, 400, `${JSON.stringify(gateways)} → ${answer.text}`);
      assert.equal(answer.body.error.code, 'invalid_request', answer.text);
    }
    assert.equal((await put('development', { reconcile: 'sometimes' })).status, 400);
    const after = (await service.call('GET', '/api/environments/development')).body;
    assert.deepEqual([after.gateways, after.reconcile], [before.gateways, before.reconcile]);
  });

  it('refuses a Marie gateway another environment already publishes to with 409 gateway_in_use', async () => {
    assert.equal((await put('development', { gateways: [{ type: 'marie', url: 'http://marie-dev:51000' }] })).status, 200);
    const shared = await put('production', { gateways: [{ type: 'marie', url: 'http://marie-dev:51000/' }] });
    assert.equal(shared.status, 409, shared.text);
    assert.deepEqual([shared.body.error.code, shared.body.error.details], ['gateway_in_use', { gateway: 'http://marie-dev:51000', environment: 'development' }]);
    // A webhook receiver keeps each environment apart, so environments may share one.
    assert.equal((await put('production', { gateways: ['http://hooks.internal:8080'] })).status, 200);
  });
});
