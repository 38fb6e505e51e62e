import assert from 'node:assert/strict';
import { readActivePointer } from '../../server/environments/environmentDefinitions';
import { listEnvironmentRecords } from '../../server/environments/environmentStore';
import { invalidWorkflowUpload, versionBody, workflowUpload } from './support/artifacts';
import { seededRandom } from './support/random';
import { codePlannerName, describeEachEngineAndGateway, type FakeGateway } from './support/gatewayKinds';
import type { GatewayBehaviour } from './support/testGateway';
import { startTestService, type TestService } from './support/testService';

const seed = Number(process.env.FORGE_TEST_SEED ?? 20240319);
const deployCount = 220;

describeEachEngineAndGateway(`randomized deploys with injected failures (seed ${seed})`, function (engine, kind) {
  this.timeout(240_000);
  let service: TestService;
  const gateways = new Map<string, FakeGateway[]>();
  const workflowsOf = new Map<string, string[]>();
  const random = seededRandom(seed);
  let failVariables = false;

  before(async () => {
    service = await startTestService({ engine, gatewayTimeoutMs: 150 });
    // The variables provider is a hook outside the engine; failing it injects a failure between staging and notifying.
    service.deps.variables = async (environment) => {
      if (failVariables) throw new Error(`variables of ${environment.name} unavailable`);
      return { REGION: 'eu-west-1' };
    };
    for (const [name, count] of [
      ['development', 3],
      ['staging', 2],
      ['production', 1],
    ] as const) {
      const started = await Promise.all(Array.from({ length: count }, () => kind.start()));
      gateways.set(name, started);
      const gates = name === 'development' ? { validation: true } : { validation: true, 'promotion-order': true };
      const put = await service.call('PUT', `/api/environments/${name}`, { gateways: started.map((g) => g.entry), gates });
      assert.equal(put.status, 200, put.text);
    }
    for (let i = 0; i < 12; i += 1) {
      const artifacts = i % 5 === 4 ? [invalidWorkflowUpload('intake')] : [workflowUpload('intake', i), workflowUpload(`extra-${i % 3}`, i)];
      assert.equal((await service.call('POST', '/api/versions', versionBody(`v1.${i}.0`, artifacts))).status, 201);
      workflowsOf.set(`v1.${i}.0`, i % 5 === 4 ? ['intake'] : ['intake', `extra-${i % 3}`].sort());
    }
    await service.deps.tasks.idle();
  });

  after(async () => {
    await service.close();
    for (const list of gateways.values()) await Promise.all(list.map((g) => g.close()));
  });

  function injectGatewayFailures(environment: string): void {
    for (const gateway of gateways.get(environment) ?? []) {
      const roll = random.next();
      const behaviour: GatewayBehaviour =
        roll < 0.1
          ? { kind: 'fail', status: random.pick([500, 502, 503, 404]) }
          : roll < 0.15
            ? { kind: 'hang' }
            : roll < 0.2
              ? { kind: 'drop' }
              : roll < 0.25
                ? { kind: 'slow', ms: 400 }
                : { kind: 'ok' };
      gateway.enqueue(behaviour);
    }
  }

  async function assertConsistent(context: string): Promise<void> {
    const inProgress = await service.deps.db.execute("SELECT id FROM releases WHERE status = 'in-progress'");
    assert.equal(inProgress.rows.length, 0, `${context}: a release is left in progress`);
    for (const environment of await listEnvironmentRecords(service.deps.db)) {
      const envDb = await service.deps.environmentDatabases.open(environment.databaseUrl);
      const pointer = await readActivePointer(envDb);
      assert.equal(pointer?.version ?? null, environment.activeVersion, `${context}: ${environment.name} pointer and record disagree`);
      const lastSucceeded = await service.deps.db.execute({
        sql: "SELECT version FROM releases WHERE environment = ? AND status = 'succeeded' ORDER BY finished_at DESC, seq DESC LIMIT 1",
        args: [environment.name],
      });
      assert.equal(
        environment.activeVersion,
        (lastSucceeded.rows[0]?.version as string | undefined) ?? null,
        `${context}: ${environment.name} is not on its last succeeded version`,
      );
      for (const gateway of gateways.get(environment.name) ?? []) {
        if (gateway.contacted) {
          assert.equal(gateway.active ?? null, environment.activeVersion, `${context}: a gateway of ${environment.name} serves another version`);
          const expected = environment.activeVersion === null ? [] : workflowsOf.get(environment.activeVersion);
          assert.deepEqual(gateway.workflows, expected, `${context}: a gateway of ${environment.name} serves other workflows`);
        }
        if (gateway.marie) assert.equal(gateway.marie.planners.get(codePlannerName)?.source_type, 'code', `${context}: a code planner was touched`);
      }
    }
  }

  it(`runs ${deployCount} deploys, promotions and rollbacks; every environment ends on a succeeded version, none in progress`, async () => {
    const statuses: Record<string, number> = {};
    const count = (key: string) => (statuses[key] = (statuses[key] ?? 0) + 1);
    const environments = ['development', 'staging', 'production'];
    for (let attempt = 0; attempt < deployCount; attempt += 1) {
      const environment = random.pick(environments);
      injectGatewayFailures(environment);
      failVariables = random.next() < 0.05;
      const action = random.next();
      const requests =
        action < 0.6
          ? [['POST', '/api/releases', { version: `v1.${random.int(12)}.0`, environment }]]
          : action < 0.75
            ? [['POST', `/api/environments/${environment}/promote`, {}]]
            : action < 0.9
              ? [['POST', `/api/environments/${environment}/rollback`, { reason: 'randomized' }]]
              : // Two requests at once for the same environment: the lock lets one through.
                [
                  ['POST', '/api/releases', { version: `v1.${random.int(12)}.0`, environment }],
                  ['POST', '/api/releases', { version: `v1.${random.int(12)}.0`, environment }],
                ];
      const answers = await Promise.all(requests.map(([method, path, body]) => service.call(method as string, path as string, body)));
      for (const answer of answers) {
        assert.ok(answer.status < 500, answer.text);
        count(answer.status === 202 ? '202' : `${answer.status} ${answer.body.error.code}`);
      }
      await service.deps.tasks.idle();
      failVariables = false;
      await assertConsistent(`after attempt ${attempt}`);
      // Scripted failures no request used (the request was refused before notifying) must not leak into the next attempt.
      for (const list of gateways.values()) for (const gateway of list) gateway.clearQueue();
    }
    const outcomes = await service.deps.db.execute('SELECT status, COUNT(*) AS n FROM releases GROUP BY status');
    const byStatus = Object.fromEntries(outcomes.rows.map((r) => [String(r.status), Number(r.n)]));
    // The run must have exercised both paths, not only one.
    assert.ok((byStatus.succeeded ?? 0) > 20, JSON.stringify({ byStatus, statuses }));
    assert.ok((byStatus.failed ?? 0) > 20, JSON.stringify({ byStatus, statuses }));
    assert.ok((statuses['409 lock_held'] ?? 0) > 0 || (statuses['422 gate_failed'] ?? 0) > 0, JSON.stringify(statuses));
    const reasons = await service.deps.db.execute("SELECT reason FROM releases WHERE status = 'failed'");
    assert.ok(reasons.rows.every((r) => typeof r.reason === 'string' && r.reason.length > 0));
  });
});
