import assert from 'node:assert/strict';
import { startTestService, type TestService } from '../support/testService';
import { describeEachEngine } from '../../support/engines';

describeEachEngine('access events for reads of production-tier environments', (engine) => {
  let service: TestService;
  let reader: string;

  before(async () => {
    service = await startTestService({ engine });
    reader = await service.userToken('reader', 'developer');
    assert.equal((await service.call('PUT', '/api/environments/prod-eu', { tier: 'production' })).status, 201);
    assert.equal((await service.call('PUT', '/api/environments/qa', { tier: 'staging' })).status, 201);
  });
  after(async () => service.close());

  async function accessPaths(): Promise<[string, string][]> {
    const { body } = await service.call('GET', '/api/audit?action=access&actor=reader');
    return body.items.map((event: { environment: string; details: { path: string } }) => [event.environment, event.details.path]);
  }

  it('follows the tier, not the name, and ignores refused reads and the overview', async () => {
    for (const path of ['/api/environments/prod-eu', '/api/environments/qa', '/api/environments/prod-eu/variables', '/api/environments/qa/variables',
      '/api/environments', '/api/environments/missing', '/api/releases?environment=qa']) {
      await service.call('GET', path, undefined, reader);
    }
    assert.deepEqual(await accessPaths(), [['prod-eu', '/api/environments/prod-eu'], ['prod-eu', '/api/environments/prod-eu/variables']]);
  });

  it('records nothing for a token that is refused', async () => {
    const before = (await service.call('GET', '/api/audit/verify')).body.count;
    assert.equal((await service.call('GET', '/api/environments/prod-eu', undefined, 'forge_' + 'x'.repeat(43))).status, 401);
    assert.equal((await service.call('GET', '/api/audit/verify')).body.count, before);
  });
});
