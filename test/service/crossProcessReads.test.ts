import assert from 'node:assert/strict';
import { generateToken } from '../../server/auth/tokens';
import { describeEachEngine } from '../support/engines';
import { replicaFreshnessMs, startReplicas, type Replicas } from './support/replicas';
import type { ServiceProcess } from './support/serviceProcess';

/** The freshness bound the replicas run with, given explicitly: the documented default of `FORGE_CACHE_FRESHNESS_MS`. */
const freshnessMs = replicaFreshnessMs;
const rounds = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A GET with another bearer token than the replica's bootstrap one. */
async function getWith(replica: ServiceProcess, token: string, path: string): Promise<number> {
  const response = await fetch(`${replica.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
  return response.status;
}

describeEachEngine('reads served from memory by two service processes on one database', function (engine) {
  this.timeout(120_000);
  const token = generateToken();
  let replicas: Replicas;
  const a = () => replicas.processes[0]!;
  const b = () => replicas.processes[1]!;

  before(async () => {
    replicas = await startReplicas(engine, 2, token, { FORGE_CACHE_FRESHNESS_MS: String(freshnessMs) });
  });

  after(async () => {
    await replicas.close();
  });

  async function purposeOn(replica: ServiceProcess, list: boolean): Promise<string> {
    if (!list) return (await replica.call('GET', '/api/environments/staging')).body.purpose;
    const answer = await replica.call('GET', '/api/environments');
    return answer.body.items.find((environment: { name: string }) => environment.name === 'staging').purpose;
  }

  it('shows a write on one process at once there and on the other once the bound has passed', async () => {
    for (let round = 0; round < rounds; round += 1) {
      const [writer, reader] = round % 2 === 0 ? [a(), b()] : [b(), a()];
      // Both processes hold the list and the environment in memory before the write.
      for (const replica of [writer, reader]) {
        await purposeOn(replica, true);
        await purposeOn(replica, false);
      }
      const purpose = `round ${round} ${generateToken().slice(0, 8)}`;
      const written = await writer.call('PUT', '/api/environments/staging', { purpose });
      assert.equal(written.status, 200, JSON.stringify(written.body));
      const answered = performance.now();
      // The writer's own next reads see it, with no wait.
      assert.equal(await purposeOn(writer, true), purpose);
      assert.equal(await purposeOn(writer, false), purpose);
      // Any read the other process starts once the bound has passed since the write committed sees it too.
      await sleep(Math.max(0, freshnessMs - (performance.now() - answered)));
      assert.equal(await purposeOn(reader, true), purpose, `round ${round}: the list on the other process`);
      assert.equal(await purposeOn(reader, false), purpose, `round ${round}: the environment on the other process`);
    }
  });

  it('refuses a revoked token on both processes: at once on the one that revoked it, within the bound on the other', async () => {
    const created = await a().call('POST', '/api/users', { name: 'ci-runner', role: 'developer' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    for (let round = 0; round < rounds; round += 1) {
      const [revoker, other] = round % 2 === 0 ? [a(), b()] : [b(), a()];
      const issued = await revoker.call('POST', `/api/users/${created.body.id}/tokens`, { name: `ci-${round}` });
      assert.equal(issued.status, 201, JSON.stringify(issued.body));
      // Accepted (and so held in memory) by both processes first.
      for (const replica of [revoker, other]) assert.equal(await getWith(replica, issued.body.token, '/api/environments'), 200);
      assert.equal((await revoker.call('DELETE', `/api/tokens/${issued.body.id}`)).status, 200);
      const answered = performance.now();
      assert.equal(await getWith(revoker, issued.body.token, '/api/environments'), 401);
      await sleep(Math.max(0, freshnessMs - (performance.now() - answered)));
      assert.equal(await getWith(other, issued.body.token, '/api/environments'), 401, `round ${round}: the other process`);
      assert.equal(await getWith(revoker, issued.body.token, '/api/environments'), 401);
    }
  });

  it("refuses a disabled user's tokens on both processes within the bound, and accepts them again once enabled", async () => {
    const created = await b().call('POST', '/api/users', { name: 'dashboard', role: 'developer' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const issued = await b().call('POST', `/api/users/${created.body.id}/tokens`, { name: 'wallboard' });
    const userToken: string = issued.body.token;
    for (const [disabled, status] of [
      [true, 401],
      [false, 200],
      [true, 401],
    ] as const) {
      for (const replica of [a(), b()]) assert.equal(await getWith(replica, userToken, '/api/environments'), disabled ? 200 : 401);
      const changed = await a().call('PATCH', `/api/users/${created.body.id}`, { disabled });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      assert.equal(changed.body.disabled, disabled);
      const answered = performance.now();
      assert.equal(await getWith(a(), userToken, '/api/environments'), status);
      await sleep(Math.max(0, freshnessMs - (performance.now() - answered)));
      assert.equal(await getWith(b(), userToken, '/api/environments'), status, `disabled=${disabled}: the other process`);
    }
  });

  it('keeps the last enabled admin from being disabled', async () => {
    const users = (await a().call('GET', '/api/users')).body.items as { id: string; role: string }[];
    const admin = users.find((user) => user.role === 'admin')!;
    const refused = await b().call('PATCH', `/api/users/${admin.id}`, { disabled: true });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'last_admin');
    assert.equal((await a().call('GET', '/api/environments')).status, 200);
  });
});
