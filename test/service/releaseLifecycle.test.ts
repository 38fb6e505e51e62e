import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { activateVersion, stageVersion } from '../../server/environments/environmentDefinitions';
import { findEnvironmentRecord } from '../../server/environments/environmentStore';
import type { Gate } from '../../server/gates/gate';
import { recoverReleases } from '../../server/releases/recoverReleases';
import { instanceLeaseMs } from '../../server/releases/serviceInstances';
import { startIfLockFree, startRelease } from '../../server/releases/startRelease';
import { versionBody, workflowUpload } from './support/artifacts';
import { startTestService, type TestService } from './support/testService';
import { describeEachEngine } from '../support/engines';

/** A gate standing in for approvals: it holds production releases until someone starts them. */
const holdGate: Gate = {
  name: 'approvals',
  async evaluate({ environment }) {
    return { gate: 'approvals', passed: true, reason: `waiting for reviewers of ${environment.name}`, awaitsApproval: true };
  },
};

describeEachEngine('release lifecycle: waiting releases and recovery', (engine) => {
  let service: TestService;
  let now: Date;

  beforeEach(async () => {
    now = new Date('2026-03-01T10:00:00Z');
    service = await startTestService({ engine, gates: [holdGate], clock: () => now });
    for (const [tag, revision] of [
      ['v1.0.0', 1],
      ['v1.1.0', 2],
    ] as const) {
      await service.call('POST', '/api/versions', versionBody(tag, [workflowUpload('intake', revision)]));
    }
    await service.call('PUT', '/api/environments/production', { gates: { validation: true, approvals: true } });
  });
  afterEach(async () => service.close());

  it('stores a release a gate holds as pending/waiting without taking the lock, and startRelease runs it later', async () => {
    const held = await service.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'production' });
    assert.equal(held.status, 202, held.text);
    assert.equal(held.body.status, 'pending');
    assert.equal(held.body.approval, 'waiting');
    assert.equal((await service.call('GET', '/api/environments/production')).body.pendingApprovals, 1);
    assert.match(await (await service.app.request('/metrics')).text(), /forge_pending_approvals 1/);

    // It holds no lock: another release of production can be requested meanwhile.
    const second = await service.call('POST', '/api/releases', { version: 'v1.1.0', environment: 'production' });
    assert.equal(second.body.status, 'pending');

    const started = await startRelease(service.deps, held.body.id);
    assert.equal(started.status, 'in-progress');
    assert.equal(started.approval, 'approved');
    await service.deps.tasks.idle();
    const finished = (await service.call('GET', `/api/releases/${held.body.id}`)).body;
    assert.equal(finished.status, 'succeeded');
    assert.equal((await service.call('GET', '/api/environments/production')).body.activeVersion, 'v1.0.0');
    await assert.rejects(startRelease(service.deps, held.body.id), (error: any) => error.code === 'not_pending');
  });

  it('starts an approved release once when the deciding request and the sweeper race for it', async () => {
    const held = await service.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'production' });
    const outcomes = await Promise.all([startIfLockFree(service.deps, held.body.id), startIfLockFree(service.deps, held.body.id)]);
    assert.deepEqual(outcomes.sort(), [false, true]);
    await service.deps.tasks.idle();
    assert.equal((await service.call('GET', `/api/releases/${held.body.id}`)).body.status, 'succeeded');
    const started = (await service.call('GET', '/api/audit?action=deployment.started')).body.items;
    assert.equal(started.filter((event: { releaseId: string }) => event.releaseId === held.body.id).length, 1);
  });

  async function insertInProgress(owner: { id: string; pid: number; host: string; heartbeatAt: Date }, version = 'v1.0.0') {
    const id = randomUUID();
    await service.deps.db.batch([
      {
        sql: `INSERT INTO service_instances (id, pid, host, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?)
              ON CONFLICT (id) DO UPDATE SET pid = excluded.pid, host = excluded.host, heartbeat_at = excluded.heartbeat_at`,
        args: [owner.id, owner.pid, owner.host, owner.heartbeatAt.toISOString(), owner.heartbeatAt.toISOString()],
      },
      {
        sql: `INSERT INTO releases (id, version, environment, kind, status, approval, requested_by, requested_by_id, requested_at, started_at, gates, owner_instance)
              VALUES (?, ?, 'development', 'deploy', 'in-progress', 'not-required', 'admin', 'x', ?, ?, '[]', ?)`,
        args: [id, version, now.toISOString(), now.toISOString(), owner.id],
      },
    ]);
    return id;
  }

  it('fails a release whose owner process is gone (interrupted) and completes one whose flip committed', async () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.pid']).pid;
    const host = service.deps.instance.host;
    const interrupted = await insertInProgress({ id: randomUUID(), pid: gone, host, heartbeatAt: now });
    const report = await recoverReleases(service.deps);
    assert.deepEqual(report, { succeeded: [], interrupted: [interrupted] });
    const failed = (await service.call('GET', `/api/releases/${interrupted}`)).body;
    assert.equal(failed.status, 'failed');
    assert.equal(failed.reason, 'interrupted');
    assert.equal((await service.call('GET', '/api/environments/development')).body.activeVersion, null);

    // This one reached the flip before its process died: the environment database says it is active.
    const flipped = await insertInProgress({ id: randomUUID(), pid: gone, host, heartbeatAt: now }, 'v1.1.0');
    const record = await findEnvironmentRecord(service.deps.db, 'development');
    const envDb = await service.deps.environmentDatabases.open(record!.databaseUrl);
    await stageVersion(envDb, 'v1.1.0', flipped, [], now);
    await activateVersion(envDb, 'v1.1.0', flipped, now);
    assert.deepEqual(await recoverReleases(service.deps), { succeeded: [flipped], interrupted: [] });
    assert.equal((await service.call('GET', '/api/environments/development')).body.activeVersion, 'v1.1.0');
    const events = await service.deps.db.execute({ sql: 'SELECT outcome FROM audit_events WHERE action = ? ORDER BY seq', args: ['deployment.completed'] });
    assert.deepEqual(
      events.rows.map((r) => r.outcome),
      ['failed', 'succeeded'],
    );
  });

  it("leaves a live process's release alone: same host with a running pid, or another host within its lease", async () => {
    const sameHost = await insertInProgress({ id: randomUUID(), pid: process.ppid, host: service.deps.instance.host, heartbeatAt: now });
    assert.deepEqual(await recoverReleases(service.deps), { succeeded: [], interrupted: [] });
    await service.deps.db.execute({ sql: "UPDATE releases SET status = 'failed' WHERE id = ?", args: [sameHost] });

    const otherHost = await insertInProgress({ id: randomUUID(), pid: 1, host: 'another-host', heartbeatAt: now });
    now = new Date(now.getTime() + instanceLeaseMs - 1000);
    assert.deepEqual(await recoverReleases(service.deps), { succeeded: [], interrupted: [] });
    now = new Date(now.getTime() + 2000);
    assert.deepEqual(await recoverReleases(service.deps), { succeeded: [], interrupted: [otherHost] });
  });

  it("finishes this process's own release when its run ended without recording an outcome", async () => {
    const { id, pid, host } = service.deps.instance;
    const orphan = await insertInProgress({ id, pid, host, heartbeatAt: now });
    assert.deepEqual(await recoverReleases(service.deps), { succeeded: [], interrupted: [orphan] });
    // A release this process is running is never touched.
    const running = await service.call('POST', '/api/releases', { version: 'v1.0.0', environment: 'development' });
    assert.deepEqual(await recoverReleases(service.deps), { succeeded: [], interrupted: [] });
    await service.deps.tasks.idle();
    assert.equal((await service.call('GET', `/api/releases/${running.body.id}`)).body.status, 'succeeded');
  });
});
