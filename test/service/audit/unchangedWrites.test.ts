import assert from 'node:assert/strict';
import { startTestService, type TestService } from '../support/testService';
import { describeEachEngine } from '../../support/engines';

describeEachEngine('writes that change nothing', (engine) => {
  let service: TestService;
  let now = new Date('2026-03-02T09:00:00Z');

  before(async () => {
    service = await startTestService({ engine, clock: () => now });
  });
  after(async () => service.close());

  async function events(action: string): Promise<{ environment: string; at: string; details: Record<string, unknown> }[]> {
    return (await service.call('GET', `/api/audit?action=${action}&limit=1000`)).body.items;
  }

  it('a PUT of an environment that changes nothing is not audited; a change names only the fields that changed', async () => {
    assert.equal((await service.call('PUT', '/api/environments/qa', { tier: 'staging', purpose: 'QA' })).status, 201);
    const before = (await events('environment.updated')).length;
    now = new Date('2026-03-02T09:05:00Z');
    const same = await service.call('PUT', '/api/environments/qa', { tier: 'staging', purpose: 'QA' });
    assert.equal(same.status, 200);
    assert.equal(same.body.purpose, 'QA');
    assert.equal((await events('environment.updated')).length, before);
    assert.equal((await service.call('PUT', '/api/environments/qa', { tier: 'staging', purpose: 'Quality' })).status, 200);
    const after = await events('environment.updated');
    assert.equal(after.length, before + 1);
    assert.deepEqual(after.at(-1)?.details, { created: false, fields: ['purpose'] });
  });

  it('a PUT of a variable to the value it has is not audited; a secret is sealed and audited each time', async () => {
    const put = (key: string, value: string, secret: boolean) => service.call('PUT', `/api/environments/qa/variables/${key}`, { value, secret });
    now = new Date('2026-03-02T09:10:00Z');
    const first = await put('MODEL', 'gpt-4o', false);
    now = new Date('2026-03-02T09:20:00Z');
    const again = await put('MODEL', 'gpt-4o', false);
    assert.deepEqual(again.body, first.body, 'the stored variable, as it was');
    assert.equal((await events('variable.updated')).length, 1);
    await put('MODEL', 'gpt-4.1', false);
    assert.equal((await events('variable.updated')).length, 2);
    await put('API_KEY', 'sk-1', true);
    await put('API_KEY', 'sk-1', true);
    assert.equal((await events('secret.updated')).length, 2);
    // Turning a secret into a plain variable of the same text is a change.
    await put('API_KEY', 'sk-1', false);
    assert.equal((await events('variable.updated')).length, 3);
  });
});
