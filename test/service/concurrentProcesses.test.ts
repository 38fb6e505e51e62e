import assert from 'node:assert/strict';
import { generateToken } from '../../server/auth/tokens';
import { versionBody, workflowUpload } from './support/artifacts';
import { describeEachEngineAndGateway, type FakeGateway } from './support/gatewayKinds';
import { seededRandom } from './support/random';
import { afterFreshnessBound, startReplicas, type Replicas } from './support/replicas';
import type { ServiceProcess } from './support/serviceProcess';

describeEachEngineAndGateway('two service processes sharing one database', function (engine, kind) {
  this.timeout(120_000);
  const token = generateToken();
  let replicas: Replicas;
  let services: ServiceProcess[] = [];
  let gateway: FakeGateway;

  before(async () => {
    gateway = await kind.start();
    gateway.setDefault({ kind: 'slow', ms: 120 });
    // Both start on the empty database at once: migrations, seeding and the first admin happen exactly once.
    replicas = await startReplicas(engine, 2, token);
    services = replicas.processes;
    const [first] = services;
    assert.equal((await first!.call('PUT', '/api/environments/development', { gateways: [gateway.entry] })).status, 200);
    for (const tag of ['v1.0.0', 'v1.0.1']) {
      assert.equal((await first!.call('POST', '/api/versions', versionBody(tag, [workflowUpload('intake', tag === 'v1.0.0' ? 1 : 2)]))).status, 201);
    }
  });

  after(async () => {
    await replicas.close();
    await gateway.close();
  });

  it('runs one release at a time across both: the others get 409, and every accepted release finishes', async () => {
    const random = seededRandom(7);
    const answers = await Promise.all(
      Array.from({ length: 50 }, async (_, index) => {
        await new Promise((resolve) => setTimeout(resolve, random.int(2000)));
        const service = services[index % 2]!;
        return service.call('POST', '/api/releases', { version: index % 2 ? 'v1.0.1' : 'v1.0.0', environment: 'development' });
      }),
    );
    const accepted = answers.filter((a) => a.status === 202);
    const refused = answers.filter((a) => a.status === 409);
    assert.equal(accepted.length + refused.length, 50, JSON.stringify(answers.filter((a) => a.status !== 202 && a.status !== 409)));
    assert.ok(refused.every((a) => a.body.error.code === 'lock_held'));
    assert.ok(accepted.length >= 2, `only ${accepted.length} accepted: the lock was never handed over`);

    const [first, second] = services;
    let releases: any[] = [];
    for (let waited = 0; waited < 30_000; waited += 100) {
      releases = (await first!.call('GET', '/api/releases?environment=development&limit=500')).body.items;
      if (releases.every((r) => r.status !== 'in-progress')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Nothing lost, nothing extra: exactly the accepted releases exist, and each one finished successfully.
    assert.deepEqual(releases.map((r) => r.id).sort(), accepted.map((a) => a.body.id).sort());
    assert.ok(
      releases.every((r) => r.status === 'succeeded'),
      JSON.stringify(releases.map((r) => [r.status, r.reason])),
    );
    const intervals = releases.map((r) => [Date.parse(r.startedAt), Date.parse(r.finishedAt)] as const).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < intervals.length; i += 1) {
      assert.ok(intervals[i]![0] >= intervals[i - 1]![1], `releases ${i - 1} and ${i} overlap: ${JSON.stringify(intervals)}`);
    }
    // Both processes competed for the same lock, and both see the same state.
    for (const parity of [0, 1])
      assert.ok(
        refused.some((a) => answers.indexOf(a) % 2 === parity),
        `process ${parity} was never refused`,
      );
    // The last release may have finished on the first process: the second sees it within the bound.
    await afterFreshnessBound();
    const environment = (await second!.call('GET', '/api/environments/development')).body;
    const last = [...releases].sort((a, b) => Date.parse(b.finishedAt) - Date.parse(a.finishedAt))[0];
    assert.equal(environment.activeVersion, last.version);
    assert.equal(gateway.active, last.version);
    const users = await first!.call('GET', '/api/me');
    assert.equal(users.body.name, 'admin');
  });
});
