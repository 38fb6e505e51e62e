import assert from 'node:assert/strict';
import { describeEachEngine } from '../../support/engines';
import { codePlanner, startFakeMarieGateway, type FakeMarieGateway, type PlannerMetadata } from '../../support/fakeMarieGateway';
import { claimsRepoArtifacts, versionBody, type Upload } from '../support/artifacts';
import { capturedLogs } from '../support/capturedLogs';
import { startTestService, type TestService } from '../support/testService';

const workflows = ['claims-correspondence', 'claims-fraud-review', 'claims-intake'];
const notSent = ['agent/claims-correspondent', 'agent/fraud-analyst', 'processor/claim-form-classifier', 'processor/claim-form-extractor'];

/** The claims repository, its intake workflow filed under a category; `without` leaves workflows out. */
function claimsVersion(tag: string, without: string[] = []): ReturnType<typeof versionBody> {
  const artifacts = claimsRepoArtifacts()
    .filter((a) => !without.some((name) => a.path === `workflows/${name}.json`))
    .map((a): Upload => (a.path === 'workflows/claims-intake.json' ? { ...a, content: JSON.stringify({ ...JSON.parse(a.content), category: 'claims' }) } : a));
  return versionBody(tag, artifacts);
}

describeEachEngine('publishing to a Marie-AI gateway', (engine) => {
  let service: TestService;
  let gateway: FakeMarieGateway;
  let logs: string[];
  let builtin: PlannerMetadata;

  beforeEach(async () => {
    const captured = capturedLogs();
    logs = captured.lines;
    service = await startTestService({ engine, gatewayTimeoutMs: 300, logger: captured.logger });
    builtin = codePlanner('builtin-router');
    gateway = await startFakeMarieGateway({ codePlanners: [builtin] });
    for (const [tag, without] of [
      ['v1.0.0', []],
      ['v1.1.0', ['claims-fraud-review']],
    ] as const) {
      const created = await service.call('POST', '/api/versions', claimsVersion(tag, [...without]));
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.valid, true, created.text);
    }
    await useGateways([{ type: 'marie', url: gateway.url }]);
  });

  afterEach(async () => {
    await service.close();
    await gateway.close();
  });

  async function useGateways(gateways: unknown[]) {
    const put = await service.call('PUT', '/api/environments/development', { gateways });
    assert.equal(put.status, 200, put.text);
  }

  async function release(path: string, body: unknown) {
    const started = await service.call('POST', path, body);
    assert.equal(started.status, 202, started.text);
    await service.deps.tasks.idle();
    return (await service.call('GET', `/api/releases/${started.body.id}`)).body;
  }

  const deploy = (version: string) => release('/api/releases', { version, environment: 'development' });
  const forgePlanners = () => [...gateway.planners.values()].filter((p) => p.tags.includes('forge'));
  const writes = () => gateway.requests.filter((r) => r.method !== 'GET');

  function assertHolds(version: string, names: string[]) {
    assert.deepEqual(
      forgePlanners()
        .map((p) => [p.name, p.version])
        .sort(),
      names.map((name) => [name, version]),
    );
    for (const planner of forgePlanners()) {
      assert.equal(planner.source_type, 'json');
      for (const tag of ['forge', 'forge-env:development', `forge-version:${version}`])
        assert.ok(planner.tags.includes(tag), `${planner.name}: ${planner.tags.join(', ')}`);
    }
    // The code planner is exactly as the gateway started with it.
    assert.deepEqual(gateway.planners.get('builtin-router'), builtin);
  }

  it('leaves exactly the workflows of examples/claims-repo registered as Forge planners at the released version', async () => {
    const result = await deploy('v1.0.0');
    assert.equal(result.status, 'succeeded', result.reason);
    assertHolds('v1.0.0', workflows);
    const intake = gateway.planners.get('claims-intake')!;
    const source = JSON.parse(claimsVersion('v1.0.0').artifacts.find((a) => a.path === 'workflows/claims-intake.json')!.content);
    assert.deepEqual(intake.plan_definition, source.spec.plan);
    assert.deepEqual([intake.description, intake.category], [source.description, 'claims']);
    assert.deepEqual(intake.tags.sort(), ['claims', 'forge', 'forge-env:development', 'forge-version:v1.0.0', 'intake']);
    // name, version, description and category in the query string, and in the body beside the plan and tags.
    const registration = gateway.requests.find((r) => r.method === 'POST' && r.query.name === 'claims-intake')!;
    assert.deepEqual(registration.query, { name: 'claims-intake', version: 'v1.0.0', description: source.description, category: 'claims' });
    assert.deepEqual(Object.keys(registration.body as object).sort(), ['category', 'description', 'name', 'plan', 'tags', 'version']);
    assert.ok(gateway.requests.filter((r) => r.method === 'POST').every((r) => r.query.name !== undefined));
    // Every registration was read back.
    for (const name of workflows)
      assert.ok(
        gateway.requests.some((r) => r.method === 'GET' && r.path === `/api/planners/${name}`),
        name,
      );
    const [record] = result.gateways;
    assert.deepEqual([record.type, record.outcome, [...record.published].sort(), record.removed, record.notSent], ['marie', 'published', workflows, [], notSent]);
  });

  it('unregisters a workflow the next version no longer has; rollback and reconcile re-publish, never touching the code planner', async () => {
    await deploy('v1.0.0');
    const next = await deploy('v1.1.0');
    assert.equal(next.status, 'succeeded', next.reason);
    assertHolds('v1.1.0', ['claims-correspondence', 'claims-intake']);
    assert.deepEqual(next.gateways[0].removed, ['claims-fraud-review']);
    const rollback = await release('/api/environments/development/rollback', { reason: 'fraud review is needed' });
    assert.equal(rollback.status, 'succeeded', rollback.reason);
    assertHolds('v1.0.0', workflows);
    gateway.planners.delete('claims-intake');
    const reconciled = await service.call('POST', '/api/environments/development/reconcile');
    assert.equal(reconciled.status, 200, reconciled.text);
    assert.equal(reconciled.body.state, 'in-sync');
    assertHolds('v1.0.0', workflows);
    assert.ok(!writes().some((r) => r.path === '/api/planners/builtin-router'), 'the code planner was written to');
  });

  it('refuses before writing anything when a workflow name is taken by a planner Forge did not register', async () => {
    const taken = codePlanner('claims-intake');
    await gateway.close();
    gateway = await startFakeMarieGateway({ codePlanners: [builtin, taken] });
    await useGateways([{ type: 'marie', url: gateway.url }]);
    const result = await deploy('v1.0.0');
    assert.equal(result.status, 'failed');
    assert.match(result.reason, /claims-intake \(code planner\)/);
    assert.deepEqual(writes(), []);
    assert.deepEqual(gateway.planners.get('claims-intake'), taken);
  });

  it('decides a lost answer by reading the planner back: one that took effect counts, one that did not fails the release', async () => {
    gateway.enqueue([{ kind: 'hang' }]);
    const kept = await deploy('v1.0.0');
    assert.equal(kept.status, 'succeeded', kept.reason);
    assertHolds('v1.0.0', workflows);
    gateway.enqueue([{ kind: 'vanish' }]);
    const lost = await deploy('v1.1.0');
    assert.equal(lost.status, 'failed');
    assert.match(lost.reason, /dropped the request/);
    // The planner that was unregistered before the lost registration is back at the active version.
    assertHolds('v1.0.0', workflows);
    assert.equal(lost.gateways[0].restore.outcome, 'published');
  });

  it('sends the token of tokenVariable as the bearer token, and never shows it', async () => {
    const token = 'marie-key-7f3a9c1e5b';
    assert.equal((await service.call('PUT', '/api/environments/development/variables/MARIE_API_KEY', { value: token, secret: true })).status, 200);
    await useGateways([{ type: 'marie', url: gateway.url, tokenVariable: 'MARIE_API_KEY' }]);
    const result = await deploy('v1.0.0');
    assert.equal(result.status, 'succeeded', result.reason);
    assert.ok(gateway.requests.length > 0);
    assert.ok(gateway.requests.every((r) => r.authorization === `Bearer ${token}`));
    const environment = await service.call('GET', '/api/environments/development');
    assert.deepEqual(environment.body.gateways, [{ type: 'marie', url: gateway.url, tokenVariable: 'MARIE_API_KEY' }]);
    const audit = await service.call('GET', '/api/audit?limit=500');
    const events = await service.deps.db.execute('SELECT data FROM service_events');
    for (const [what, text] of [
      ['environment', environment.text],
      ['release', JSON.stringify(result)],
      ['audit', audit.text],
      ['logs', logs.join('')],
      ['events', JSON.stringify(events.rows)],
    ] as const) {
      assert.ok(!text.includes(token), `the token appears in the ${what}`);
    }
  });

  it('fails a release whose token variable is not set, naming it, without calling the gateway', async () => {
    await useGateways([{ type: 'marie', url: gateway.url, tokenVariable: 'MARIE_API_KEY' }]);
    const result = await deploy('v1.0.0');
    assert.equal(result.status, 'failed');
    assert.match(result.reason, /the variable MARIE_API_KEY it names \(tokenVariable\) is not set/);
    assert.deepEqual(gateway.requests, []);
  });

  it('dry-runs what each gateway would receive and remove', async () => {
    await deploy('v1.0.0');
    const dryRun = await service.call('POST', '/api/releases', { version: 'v1.1.0', environment: 'development', dryRun: true });
    assert.equal(dryRun.status, 200, dryRun.text);
    assert.deepEqual(dryRun.body.gateways, [
      {
        url: gateway.url,
        type: 'marie',
        publish: ['claims-correspondence', 'claims-intake'],
        remove: ['claims-fraud-review'],
        notSent,
      },
    ]);
  });
});
