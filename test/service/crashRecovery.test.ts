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
import { gatewayKinds, type FakeGateway } from './support/gatewayKinds';
import { startServiceProcess, type ServiceProcess } from './support/serviceProcess';

const crashes = 21;
const racedRestarts = 10;

for (const kind of gatewayKinds)
  describe(`a service process killed with SIGKILL in the middle of deploys [${kind.name} gateways]`, function () {
    this.timeout(300_000);
    const dataDir = mkdtempSync(join(tmpdir(), 'forge-crash-'));
    const token = generateToken();
    const random = seededRandom(42);
    let service: ServiceProcess | null = null;
    // One gateway per environment: a Marie registry holds one planner per name, so environments cannot share one.
    let gateway: FakeGateway;
    let stagingGateway: FakeGateway;
    const envDbs = new Map<string, Database>();

    before(async () => {
      [gateway, stagingGateway] = await Promise.all([kind.start(), kind.start()]);
      service = await startServiceProcess(dataDir, token);
      for (const [environment, target] of [
        ['development', gateway],
        ['staging', stagingGateway],
      ] as const) {
        const gates = environment === 'development' ? { validation: true } : { validation: true, 'promotion-order': false };
        assert.equal((await service.call('PUT', `/api/environments/${environment}`, { gateways: [target.entry], gates })).status, 200);
      }
      for (let i = 0; i < 6; i += 1) {
        assert.equal((await service.call('POST', '/api/versions', versionBody(`v1.${i}.0`, [workflowUpload('intake', i)]))).status, 201);
      }
    });

    after(async () => {
      await service?.kill();
      await Promise.all([gateway.close(), stagingGateway.close()]);
      for (const db of envDbs.values()) await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    /** Waits until no release of development is in progress. */
    async function settled(): Promise<void> {
      for (let waited = 0; waited < 30_000; waited += 100) {
        const running = (await service!.call('GET', '/api/releases?status=in-progress&environment=development')).body.items;
        if (running.length === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('a development release stayed in progress');
    }

    async function pointerOf(environment: string): Promise<string | null> {
      let db = envDbs.get(environment);
      if (!db) envDbs.set(environment, (db = await openDatabase(`file:${join(dataDir, `env-${environment}.db`)}`)));
      return (await readActivePointer(db).catch(() => null))?.version ?? null;
    }

    it(`recovers after each of ${crashes} kills: nothing left in progress, every environment on a succeeded version`, async () => {
      const interruptedSeen = new Set<string>();
      for (let crash = 0; crash < crashes; crash += 1) {
        // A slow gateway keeps each deploy in flight long enough for the kill to land inside it.
        const slow = 50 + random.int(250);
        for (const target of [gateway, stagingGateway]) target.setDefault({ kind: 'slow', ms: slow });
        const started = await Promise.all(
          ['development', 'staging'].map((environment) => service!.call('POST', '/api/releases', { version: `v1.${random.int(6)}.0`, environment })),
        );
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
            assert.ok(
              succeeded.some((r) => r.version === record.activeVersion),
              `crash ${crash}: ${environment} is on a version that never succeeded`,
            );
            assert.equal(succeeded[0]?.version, record.activeVersion, `crash ${crash}: ${environment} is not on its last succeeded version`);
          }
        }
      }
      // The kills landed inside deploys, not only between them.
      assert.ok(interruptedSeen.size >= 5, `only ${interruptedSeen.size} releases were interrupted`);
      // After recovery the service deploys again normally.
      for (const target of [gateway, stagingGateway]) target.setDefault({ kind: 'ok' });
      const after = await service!.call('POST', '/api/releases', { version: 'v1.5.0', environment: 'development' });
      assert.equal(after.status, 202);
    });

    it(`a deploy requested right after each of ${racedRestarts} crash-restarts waits for recovery's re-publication: the gateway keeps the new version`, async () => {
      await settled();
      for (let round = 0; round < racedRestarts; round += 1) {
        const [interrupted, next] = round % 2 === 0 ? ['v1.3.0', 'v1.4.0'] : ['v1.4.0', 'v1.3.0'];
        // Slow enough that the kill lands inside the deploy.
        gateway.setDefault({ kind: 'slow', ms: 250 });
        const started = await service!.call('POST', '/api/releases', { version: interrupted, environment: 'development' });
        assert.equal(started.status, 202, JSON.stringify(started.body));
        await new Promise((resolve) => setTimeout(resolve, 100 + random.int(100)));
        await service!.kill('SIGKILL');
        gateway.setDefault({ kind: 'ok' });
        // Recovery's re-publication of the previous version takes effect late: a deploy that does not wait for it loses.
        gateway.clearQueue();
        gateway.delayNextWrite(500);
        service = await startServiceProcess(dataDir, token);
        const deploy = await service.call('POST', '/api/releases', { version: next, environment: 'development' });
        assert.equal(deploy.status, 202, `round ${round}: ${JSON.stringify(deploy.body)}`);
        let release: { status: string; reason: string | null } = deploy.body;
        for (let waited = 0; release.status === 'in-progress' && waited < 60_000; waited += 100) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          release = (await service.call('GET', `/api/releases/${deploy.body.id}`)).body;
        }
        assert.equal(release.status, 'succeeded', `round ${round}: ${release.reason}`);
        // Longer than the delay: a re-publication of the old version that did not wait has landed by now.
        await new Promise((resolve) => setTimeout(resolve, 800));
        const environment = (await service.call('GET', '/api/environments/development')).body;
        assert.equal(environment.activeVersion, next, `round ${round}`);
        assert.equal(gateway.active, next, `round ${round}: the gateway serves ${gateway.active} while ${next} succeeded`);
        // The writes reached the gateway in order: no activation had to be ignored as older than one applied.
        assert.deepEqual(gateway.webhook?.stale ?? [], [], `round ${round}`);
        gateway.clearQueue();
      }
    });
  });
