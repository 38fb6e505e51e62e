import assert from 'node:assert/strict';
import { ForgeApiError } from '../../client/forgeApiError';
import { ForgeClient } from '../../client/forgeClient';
import type { ForgeEvent } from '../../core/api/event';
import { versionBody, workflowUpload } from './support/artifacts';
import { serveOnPort, type ServedService } from './support/servedService';
import { startTestService, type TestService } from './support/testService';
import { describeEachEngine } from '../support/engines';

describeEachEngine('the typed API client over real HTTP', (engine) => {
  let service: TestService;
  let server: ServedService;
  let client: ForgeClient;

  beforeEach(async () => {
    service = await startTestService({ engine });
    server = await serveOnPort(service);
    client = server.clientFor(service.adminToken);
  });
  afterEach(async () => server.close());

  it('registers, deploys, waits, lists and rolls back, with every response parsed by the core contracts', async () => {
    assert.deepEqual(await client.health(), { status: 'ok' });
    assert.equal((await client.me()).role, 'admin');
    const first = await client.createVersion(versionBody('v1.0.0', [workflowUpload('intake', 1)]));
    assert.equal(first.created, true);
    assert.equal((await client.createVersion(versionBody('v1.0.0', [workflowUpload('intake', 1)]))).created, false);
    await client.createVersion(versionBody('v1.1.0', [workflowUpload('intake', 2)]));
    assert.equal((await client.dryRun('v1.0.0', 'development')).wouldPass, true);

    for (const tag of ['v1.0.0', 'v1.1.0']) {
      const release = await client.deploy(tag, 'development');
      assert.equal((await client.waitForRelease(release.id, { intervalMs: 20 })).status, 'succeeded');
    }
    assert.equal((await client.getEnvironment('development')).activeVersion, 'v1.1.0');
    const rollback = await client.rollback('development', { reason: 'client test' });
    assert.equal((await client.waitForRelease(rollback.id, { intervalMs: 20 })).version, 'v1.0.0');
    const page = await client.listReleases({ environment: 'development', limit: 2 });
    assert.equal(page.items.length, 2);
    assert.ok(page.nextCursor);
    assert.equal((await client.listEnvironments()).length, 3);
    assert.equal((await client.diffVersion('v1.1.0')).against, 'v1.0.0');
  });

  it('raises ForgeApiError with the status, code and details of a refusal', async () => {
    await client.createVersion(versionBody('v1.0.0', [workflowUpload('intake', 1)]));
    await assert.rejects(client.deploy('v1.0.0', 'staging'), (error: unknown) => {
      assert.ok(error instanceof ForgeApiError);
      assert.equal(error.status, 422);
      assert.equal(error.code, 'gate_failed');
      assert.ok(Array.isArray((error.details as { gates: unknown[] }).gates));
      return true;
    });
    const stranger = server.clientFor('forge_not-a-real-token-at-all');
    await assert.rejects(stranger.me(), (error: any) => error.status === 401 && error.code === 'unauthorized');
    const nowhere = new ForgeClient({ baseUrl: 'http://127.0.0.1:9', token: 'x' });
    await assert.rejects(nowhere.me(), (error: any) => error.code === 'unreachable');
  });

  it('follows the live event stream', async () => {
    const controller = new AbortController();
    const seen: ForgeEvent[] = [];
    const reading = (async () => {
      for await (const event of client.events(controller.signal)) {
        seen.push(event);
        if (event.type === 'release.updated' && event.data.status === 'succeeded') break;
      }
    })();
    // Give the stream time to subscribe before anything happens.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await client.createVersion(versionBody('v1.0.0', [workflowUpload('intake', 1)]));
    await client.deploy('v1.0.0', 'development');
    await reading;
    controller.abort();
    assert.deepEqual(
      seen.map((e) => e.type),
      ['version.created', 'release.updated', 'release.updated'],
    );
  });

  it('numbers every event and, reconnected with the last id seen, replays exactly what came after it', async () => {
    const take = async (count: number, lastEventId?: string | null) => {
      const controller = new AbortController();
      const events: (ForgeEvent & { id: string | null })[] = [];
      for await (const event of client.events(controller.signal, lastEventId)) {
        events.push(event);
        if (events.length === count) break;
      }
      controller.abort();
      return events;
    };
    const first = take(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await client.createVersion(versionBody('v1.0.0', [workflowUpload('intake', 1)]));
    const [created] = await first;
    assert.equal(created?.type, 'version.created');
    assert.match(created?.id ?? '', /^\d+$/);
    // While no stream is open: a deploy (started, succeeded, the environment's new version) and a version.
    await client.deploy('v1.0.0', 'development');
    await service.deps.tasks.idle();
    await client.createVersion(versionBody('v1.1.0', [workflowUpload('intake', 2)]));
    const missed = await take(4, created?.id);
    assert.deepEqual(
      missed.map((event) => event.type),
      ['release.updated', 'release.updated', 'environment.updated', 'version.created'],
    );
    const ids = missed.map((event) => Number(event.id));
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => a - b),
    );
    assert.ok(ids[0]! > Number(created?.id));
    assert.equal(new Set(ids).size, ids.length);
  });

  it('refuses a Last-Event-ID that is not an event id with a 400', async () => {
    const answer = await fetch(`${server.url}/api/events`, { headers: { authorization: `Bearer ${service.adminToken}`, 'last-event-id': 'yesterday' } });
    assert.equal(answer.status, 400);
    assert.equal((await answer.json()).error.code, 'invalid_event_id');
  });
});
