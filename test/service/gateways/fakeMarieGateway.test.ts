import assert from 'node:assert/strict';
import { codePlanner, startFakeMarieGateway, type FakeMarieGateway } from '../../support/fakeMarieGateway';

/** The fake registry the deploy suites publish to answers as MARIE-GATEWAY.md §1 says Marie's code does. */
describe('the fake Marie-AI planner registry follows the contract', () => {
  let gateway: FakeMarieGateway;
  const plan = {
    nodes: [{ task_id: 'start', query_str: 'START', dependencies: [], node_type: 'COMPUTE', definition: { method: 'NOOP', endpoint: 'noop', params: {} }, extra: 1 }],
  };

  beforeEach(async () => {
    gateway = await startFakeMarieGateway({ codePlanners: [codePlanner('from-code')] });
  });
  afterEach(() => gateway.close());

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${gateway.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };

  it('registers from the query string: 201 with the planner, its plan as posted and naive timestamps', async () => {
    const created = await call('POST', '/api/planners?name=intake&version=v1.0.0&description=Intake&category=claims', { plan, tags: ['forge'] });
    assert.equal(created.status, 201);
    assert.deepEqual([created.body.success, created.body.message], [true, "Planner 'intake' registered successfully"]);
    const read = await call('GET', '/api/planners/intake');
    assert.equal(read.status, 200);
    assert.deepEqual(
      [read.body.planner_id, read.body.name, read.body.version, read.body.description, read.body.category, read.body.source_type, read.body.tags],
      ['intake', 'intake', 'v1.0.0', 'Intake', 'claims', 'json', ['forge']],
    );
    assert.deepEqual(read.body.plan_definition, plan);
    assert.match(read.body.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
    assert.equal(read.body.created_at, read.body.updated_at);
    const list = await call('GET', '/api/planners');
    assert.deepEqual([list.status, list.body.total, list.body.planners.map((p: { name: string }) => p.name).sort()], [200, 2, ['from-code', 'intake']]);
  });

  it('answers 422 when name is only in the body, or the body has no plan; 400 for a duplicate or an unparseable plan', async () => {
    const bodyOnly = await call('POST', '/api/planners', { name: 'intake', version: 'v1', plan, tags: [] });
    assert.equal(bodyOnly.status, 422);
    assert.deepEqual(bodyOnly.body, { detail: [{ type: 'missing', loc: ['query', 'name'], msg: 'Field required', input: null }] });
    const noPlan = await call('POST', '/api/planners?name=intake', { tags: [] });
    assert.deepEqual([noPlan.status, noPlan.body.detail[0].loc], [422, ['body', 'plan']]);
    assert.equal((await call('POST', '/api/planners?name=intake', { plan })).status, 201);
    const duplicate = await call('POST', '/api/planners?name=intake', { plan });
    assert.deepEqual([duplicate.status, duplicate.body], [400, { success: false, error: "Failed to register planner 'intake'" }]);
    assert.equal((await call('POST', '/api/planners?name=broken', { plan: { nodes: [{ query_str: 'no id' }] } })).status, 400);
    // The query string decides: the body's version is not read, Marie's default is.
    assert.equal((await call('POST', '/api/planners?name=defaults', { plan, version: 'v9' })).status, 201);
    assert.equal((await call('GET', '/api/planners/defaults')).body.version, '1.0.0');
  });

  it('deletes any planner, code planners too, which come back at restart while HTTP registrations are forgotten', async () => {
    assert.equal((await call('POST', '/api/planners?name=intake', { plan })).status, 201);
    assert.deepEqual(await call('DELETE', '/api/planners/from-code'), { status: 200, body: { success: true, message: 'Planner unregistered successfully' } });
    assert.deepEqual(await call('DELETE', '/api/planners/from-code'), { status: 404, body: { success: false, error: "Planner with ID 'from-code' not found" } });
    assert.deepEqual(await call('GET', '/api/planners/nothing'), { status: 404, body: { error: "Planner with ID 'nothing' not found" } });
    await gateway.restart();
    // This client's kept-alive connection was cut by the restart; let it notice before the next request.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const list = await call('GET', '/api/planners');
    assert.deepEqual(
      list.body.planners.map((p: { name: string; source_type: string }) => [p.name, p.source_type]),
      [['from-code', 'code']],
    );
    assert.deepEqual(await call('GET', '/unknown'), { status: 404, body: { detail: 'Not Found' } });
    assert.equal((await call('GET', '/status')).status, 200);
  });

  it('fails, stalls and drops on demand, and refuses connections while stopped', async () => {
    gateway.enqueue([{ kind: 'fail', status: 503 }]);
    assert.equal((await call('POST', '/api/planners?name=intake', { plan })).status, 503);
    assert.equal(gateway.planners.has('intake'), false);
    gateway.enqueue([{ kind: 'drop' }]);
    await assert.rejects(call('POST', '/api/planners?name=intake', { plan }));
    // A dropped answer still registered the planner.
    assert.equal(gateway.planners.get('intake')?.version, '1.0.0');
    gateway.enqueue([{ kind: 'vanish' }], 'unregister');
    await assert.rejects(call('DELETE', '/api/planners/intake'));
    assert.equal(gateway.planners.has('intake'), true);
    await gateway.stop();
    await assert.rejects(fetch(`${gateway.url}/api/planners`), (error: Error & { cause?: { code?: string } }) => error.cause?.code === 'ECONNREFUSED');
    await gateway.start();
    assert.equal((await call('GET', '/api/planners')).status, 200);
  });
});
