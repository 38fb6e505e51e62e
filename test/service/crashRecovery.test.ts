import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateToken } from '../../server/auth/tokens';
import { readActivePointer } from '../../server/environments/environmentDefinitions';
import type { Database } from '../../server/store/database';
import { openDatabase } from '../../server/store/openDatabase';
import { versionBody, workflowUpload } from './support/artifacts';
import { seededRandom } from './support/random';
import { startServiceProcess, type ServiceProcess } from './support/serviceProcess';
import { startTestGateway, type TestGateway } from './support/testGateway';

const crashes = 21;

describe('a service process killed with SIGKILL in the middle of deploys', function () {
  this.timeout(300_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'forge-crash-'));
  const token = generateToken();
  const random = seededRandom(42);
  let service: ServiceProcess | null = null;
  let gateway: TestGateway;
  const envDbs = new Map<string, Database>();

  before(async () => {
    gateway = await startTestGateway();
    service = await startServiceProcess(dataDir, token);
    for (const environment of ['development', 'staging']) {
      const gates = environment === 'development' ? { validation: true } : { validation: true, 'promotion-order': false };
      assert.equal((await service.call('PUT', `/api/environments/${environment}`, { gateways: [gateway.url], gates })).status, 200);
    }
    for (let i = 0; i < 6; i += 1) {
      assert.equal((await service.call('POST', '/api/versions', versionBody(`v1.${i}.0`, [workflowUpload('intake', i)]))).status, 201);
    }
  });

  after(async () => {
    await service?.kill();
    await gateway.close();
    for (const db of envDbs.values()) await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function pointerOf(environment: string): Promise<string | null> {
    let db = envDbs.get(environment);
    if (!db) envDbs.set(environment, (db = await openDatabase(`file:${join(dataDir, `env-${environment}.db`)}`)));
    return (await readActivePointer(db).catch(() => null))?.version ?? null;
  }

  it(`recovers after each of ${crashes} kills: nothing left in progress, every environment on a succeeded version`, async () => {
    const interruptedSeen = new Set<string>();
    for (let crash = 0; crash < crashes; crash += 1) {
      // A slow gateway keeps each deploy in flight long enough for the kill to land inside it.
      gateway.setDefault({ kind: 'slow', ms: 50 + random.int(250) });
      const started = await Promise.all(['development', 'staging'].map((environment) =>
        service!.call('POST', '/api/releases', { version: `v1.${random.int(6)}.0`, environment })));
      for (const answer of started) assert.equal(answer.status, 202, JSON.stringify(answer.body));
      await new Promise((resolve) => setTimeout(resolve, random.int(350)));
      await service!.kill('SIGKILL');
      service = await startServiceProcess(dataDir, token);

      const inProgress = (await service.call('GET', '/api/releases?status=in-progress')).body.items;
      assert.deepEqual(inProgress, [], `after crash ${crash}`);
      for (const answer of started) {
        const release = (await service.call('GET', `/api/releases/${answer.body.id}`)).body;
        assert.ok(release.status === 'succeeded' || (release.status === 'failed' && release.reason === 'interrupted'), JSON.stringify(release));
        if (release.status === 'failed') interruptedSeen.add(release.id);
      }
      for (const environment of ['development', 'staging']) {
        const record: { activeVersion: string | null } = (await service.call('GET', `/api/environments/${environment}`)).body;
        assert.equal(await pointerOf(environment), record.activeVersion, `crash ${crash}: ${environment} pointer and record disagree`);
        if (record.activeVersion !== null) {
          const succeeded: { version: string }[] = (await service.call('GET', `/api/releases?environment=${environment}&status=succeeded&limit=500`)).body.items;
          assert.ok(succeeded.some((r) => r.version === record.activeVersion), `crash ${crash}: ${environment} is on a version that never succeeded`);
          assert.equal(succeeded[0]?.version, record.activeVersion, `crash ${crash}: ${environment} is not on its last succeeded version`);
        }
      }
    }
    // The kills landed inside deploys, not only between them.
    assert.ok(interruptedSeen.size >= 5, `only ${interruptedSeen.size} releases were interrupted`);
    // After recovery the service deploys again normally.
    gateway.setDefault({ kind: 'ok' });
    const after = await service!.call('POST', '/api/releases', { version: 'v1.5.0', environment: 'development' });
    assert.equal(after.status, 202);
  });
});
