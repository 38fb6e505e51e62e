import assert from 'node:assert/strict';
import { readServerSentEvents } from '../../client/serverSentEvents';
import { flushAccessWindows } from '../../server/audit/accessWindows';
import { verifyAuditChain } from '../../server/audit/verifyAuditChain';
import { generateToken } from '../../server/auth/tokens';
import { readActivePointer } from '../../server/environments/environmentDefinitions';
import { createEnvironmentDatabases, type EnvironmentDatabases } from '../../server/environments/environmentDatabases';
import type { Database } from '../../server/store/database';
import { openDatabase } from '../../server/store/openDatabase';
import { describeEachEngine } from '../support/engines';
import { invalidWorkflowUpload, versionBody, workflowUpload } from './support/artifacts';
import { seededRandom } from './support/random';
import { afterFreshnessBound, startReplicas, type Replicas } from './support/replicas';
import type { ServiceProcess } from './support/serviceProcess';
import { startTestGateway, type GatewayBehaviour, type TestGateway } from './support/testGateway';

const attempts = 220;
const killEvery = 10;
const environments = ['development', 'staging'] as const;

/** One server-sent event as a client reads it off the wire. */
interface WireEvent {
  id: number;
  type: string;
  data: any;
}

describeEachEngine('two replicas on one database', function (engine) {
  this.timeout(600_000);
  const token = generateToken();
  const random = seededRandom(13);
  let replicas: Replicas;
  let main: Database;
  const gateways = new Map<string, TestGateway[]>();
  let environmentDbs: EnvironmentDatabases;
  const a = () => replicas.processes[0]!;
  const b = () => replicas.processes[1]!;

  before(async () => {
    replicas = await startReplicas(engine, 2, token, { FORGE_GATEWAY_TIMEOUT_MS: '2000' });
    main = await openDatabase(replicas.database.url);
    // The test reads the environments' databases the way the service opens them (migrated, with the main URL's credentials).
    environmentDbs = createEnvironmentDatabases({ dataDir: replicas.dataDir, mainUrl: replicas.database.url });
    for (const [name, count] of [
      ['development', 2],
      ['staging', 1],
    ] as const) {
      const started = await Promise.all(Array.from({ length: count }, () => startTestGateway()));
      gateways.set(name, started);
      const gates = name === 'development' ? { validation: true } : { validation: true, 'promotion-order': false };
      assert.equal((await a().call('PUT', `/api/environments/${name}`, { gateways: started.map((g) => g.url), gates })).status, 200);
    }
    for (let i = 0; i < 8; i += 1) {
      const artifacts = i === 7 ? [invalidWorkflowUpload('intake')] : [workflowUpload('intake', i)];
      assert.equal((await b().call('POST', '/api/versions', versionBody(`v1.${i}.0`, artifacts))).status, 201);
    }
  });

  after(async () => {
    await replicas.close();
    await main.close();
    await environmentDbs.close();
    for (const list of gateways.values()) await Promise.all(list.map((gateway) => gateway.close()));
  });

  const allGateways = () => [...gateways.values()].flat();

  async function settled(context: string): Promise<void> {
    for (let waited = 0; waited < 20_000; waited += 100) {
      const running = (await a().call('GET', '/api/releases?status=in-progress')).body.items;
      if (running.length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.fail(`${context}: releases still in progress after 20 s`);
  }

  async function pointerOf(url: string): Promise<string | null> {
    return (await readActivePointer(await environmentDbs.open(url)))?.version ?? null;
  }

  /** Nothing in progress; each environment's pointer, record, last succeeded release and gateways agree. */
  async function assertConsistent(context: string): Promise<void> {
    await settled(context);
    // A release that finished on B is seen by A's environments within the bound.
    await afterFreshnessBound();
    for (const environment of (await a().call('GET', '/api/environments')).body.items) {
      if (!environments.includes(environment.name)) continue;
      assert.equal(await pointerOf(environment.databaseUrl), environment.activeVersion, `${context}: ${environment.name} pointer and record disagree`);
      const succeeded = (await b().call('GET', `/api/releases?environment=${environment.name}&status=succeeded&limit=1`)).body.items;
      assert.equal(succeeded[0]?.version ?? null, environment.activeVersion, `${context}: ${environment.name} is not on its last succeeded version`);
      for (const gateway of gateways.get(environment.name) ?? []) {
        if (gateway.received.length === 0) continue;
        // A recovering replica re-sends the active manifest in the background: give it a moment.
        for (let waited = 0; gateway.active !== environment.activeVersion && waited < 5_000; waited += 50) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        assert.equal(gateway.active, environment.activeVersion, `${context}: a gateway of ${environment.name} serves another version`);
      }
    }
  }

  it('lets exactly one of 50 simultaneous deploys to one environment run; the other 49 get 409 lock_held', async () => {
    for (const gateway of gateways.get('development')!) gateway.setDefault({ kind: 'slow', ms: 1_500 });
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, index) => (index % 2 ? b() : a()).call('POST', '/api/releases', { version: `v1.${index % 3}.0`, environment: 'development' })),
    );
    for (const gateway of gateways.get('development')!) gateway.setDefault({ kind: 'ok' });
    const accepted = answers.filter((answer) => answer.status === 202);
    const refused = answers.filter((answer) => answer.status === 409 && answer.body.error.code === 'lock_held');
    assert.equal(accepted.length, 1, JSON.stringify(answers.map((answer) => answer.status)));
    assert.equal(refused.length, 49);
    assert.ok(answers.some((answer, index) => index % 2 === 0 && answer.status === 409) && answers.some((answer, index) => index % 2 === 1 && answer.status === 409));
    await settled('after the simultaneous deploys');
    const release = (await a().call('GET', `/api/releases/${accepted[0]!.body.id}`)).body;
    assert.equal(release.status, 'succeeded', JSON.stringify(release));
    const started = await main.execute({ sql: "SELECT COUNT(*) AS n FROM releases WHERE environment = 'development'", args: [] });
    assert.equal(Number(started.rows[0]?.n), 1);
    await assertConsistent('after the simultaneous deploys');
  });

  it('streams, in order, to a client of replica A the events of a release requested and run on B, and resumes after Last-Event-ID', async () => {
    const stream = await openStream(a());
    const first = await b().call('POST', '/api/releases', { version: 'v1.3.0', environment: 'development' });
    assert.equal(first.status, 202);
    const seen = await stream.until((event) => event.type === 'environment.updated' && event.data.activeVersion === 'v1.3.0');
    stream.close();
    const ofFirst = seen.filter((event) => event.data.id === first.body.id || event.type === 'environment.updated');
    assert.deepEqual(
      ofFirst.map((event) => [event.type, event.data.status ?? event.data.activeVersion]),
      [
        ['release.updated', 'in-progress'],
        ['release.updated', 'succeeded'],
        ['environment.updated', 'v1.3.0'],
      ],
    );
    assertIncreasing(seen);
    const lastId = seen.at(-1)!.id;

    // While no client listens: another release on B, and a version registered on A.
    const second = await b().call('POST', '/api/releases', { version: 'v1.4.0', environment: 'development' });
    await settled('second release');
    assert.equal((await a().call('POST', '/api/versions', versionBody('v1.8.0', [workflowUpload('intake', 8)]))).status, 201);

    // Ids are the database's, so either replica resumes from the same id with the same events.
    for (const replica of [a(), b()]) {
      const resumed = await openStream(replica, lastId);
      const missed = await resumed.until((event) => event.type === 'version.created' && event.data.tag === 'v1.8.0');
      resumed.close();
      assertIncreasing(missed);
      assert.ok(missed[0]!.id > lastId);
      assert.deepEqual(
        missed.map((event) => [event.type, event.data.id === second.body.id ? event.data.status : (event.data.activeVersion ?? event.data.tag)]),
        [
          ['release.updated', 'in-progress'],
          ['release.updated', 'succeeded'],
          ['environment.updated', 'v1.4.0'],
          ['version.created', 'v1.8.0'],
        ],
      );
    }
  });

  it('keeps one verifiable audit chain while both append over 2,000 events at once, and counts every read of production once', async () => {
    const [alice, bob] = await Promise.all(
      ['alice', 'bob'].map(async (name) => {
        const user = await a().call('POST', '/api/users', { name, role: 'maintainer' });
        return (await a().call('POST', `/api/users/${user.body.id}/tokens`, { name: 'replica-test' })).body.token as string;
      }),
    );
    const perReplica = 1_050;
    const readsPerReplica = 300;
    // Each variable written appends its audit event.
    const write = async (replica: ServiceProcess, prefix: string) => {
      for (let done = 0; done < perReplica; done += 10) {
        const answers = await Promise.all(
          Array.from({ length: 10 }, (_, index) => replica.call('PUT', `/api/environments/development/variables/${prefix}_${done + index}`, { value: 'v' })),
        );
        for (const answer of answers) assert.equal(answer.status, 200);
      }
    };
    const read = async (replica: ServiceProcess, userToken: string) => {
      for (let done = 0; done < readsPerReplica; done += 10) {
        const answers = await Promise.all(
          Array.from({ length: 10 }, () => fetch(`${replica.url}/api/environments/production`, { headers: { authorization: `Bearer ${userToken}` } })),
        );
        for (const answer of answers) assert.equal(answer.status, 200);
      }
    };
    await Promise.all([write(a(), 'A'), write(b(), 'B'), read(a(), alice!), read(b(), alice!), read(a(), bob!), read(b(), bob!)]);
    // As the keepers would once the window closed (one may already have written a window the test ran across).
    await flushAccessWindows(main, new Date(Date.now() + 17 * 60_000));
    const access = await main.execute("SELECT actor, details FROM audit_events WHERE action = 'access' ORDER BY seq");
    const windows = access.rows.map((row) => [String(row.actor), JSON.parse(String(row.details)) as { window: { start: string }; reads: number }] as const);
    assert.equal(new Set(windows.map(([actor, details]) => `${actor} ${details.window.start}`)).size, windows.length, 'one event per user and window');
    const reads = (actor: string) => windows.filter(([who]) => who === actor).reduce((sum, [, details]) => sum + details.reads, 0);
    assert.deepEqual([reads('alice'), reads('bob')], [2 * readsPerReplica, 2 * readsPerReplica]);
    const verified = (await b().call('GET', '/api/audit/verify')).body;
    assert.equal(verified.ok, true, JSON.stringify(verified));
    assert.ok(verified.count >= 2 * perReplica);
    const chain = await verifyAuditChain(main);
    assert.deepEqual([chain.ok, chain.count], [verified.ok, verified.count]);
  });

  it(`leaves no release in progress and no environment half-deployed after ${attempts} fault-injected deploys and ${attempts / killEvery} SIGKILLs of replica B`, async () => {
    const statuses: Record<string, number> = {};
    let kills = 0;
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      const environment = random.pick(environments);
      for (const gateway of gateways.get(environment)!) gateway.enqueue(randomBehaviour(random.next()));
      const action = random.next();
      const [path, body] =
        action < 0.7
          ? ['/api/releases', { version: `v1.${random.int(8)}.0`, environment }]
          : action < 0.85
            ? [`/api/environments/${environment}/rollback`, { reason: 'randomized' }]
            : ['/api/environments/staging/promote', {}];
      const kill = attempt % killEvery === killEvery - 1;
      const replica = kill || attempt % 2 ? b() : a();
      const answer = replica.call('POST', path, body).catch(() => ({ status: 0, body: { error: { code: 'killed' } } }));
      if (kill) {
        // A slow gateway holds the deploy in flight so that the kill lands inside it.
        for (const gateway of gateways.get(environment)!) gateway.setDefault({ kind: 'slow', ms: 100 + random.int(300) });
        await new Promise((resolve) => setTimeout(resolve, random.int(300)));
        await b().kill('SIGKILL');
        kills += 1;
        for (const gateway of allGateways()) {
          gateway.setDefault({ kind: 'ok' });
          gateway.clearQueue();
        }
        await replicas.restart(1);
      }
      const { status, body: answered } = await answer;
      assert.ok(status < 500, JSON.stringify(answered));
      const key = status === 202 ? '202' : `${status} ${answered.error.code}`;
      statuses[key] = (statuses[key] ?? 0) + 1;
      await assertConsistent(`after attempt ${attempt}`);
      for (const gateway of allGateways()) gateway.clearQueue();
    }
    assert.ok(kills >= 20);
    const outcomes = await main.execute('SELECT status, reason FROM releases');
    const failed = outcomes.rows.filter((row) => row.status === 'failed');
    assert.ok(outcomes.rows.filter((row) => row.status === 'succeeded').length > 40, JSON.stringify(statuses));
    assert.ok(failed.length > 10, JSON.stringify(statuses));
    assert.ok(
      failed.some((row) => row.reason === 'interrupted'),
      'no kill landed inside a deploy',
    );
    assert.equal((await verifyAuditChain(main)).ok, true);
  });

  function randomBehaviour(roll: number): GatewayBehaviour {
    return roll < 0.1
      ? { kind: 'fail', status: 503 }
      : roll < 0.15
        ? { kind: 'hang' }
        : roll < 0.2
          ? { kind: 'drop' }
          : roll < 0.25
            ? { kind: 'slow', ms: 400 }
            : { kind: 'ok' };
  }

  /** An open `GET /api/events` of one replica, read into a list as events arrive. */
  async function openStream(replica: ServiceProcess, lastEventId?: number) {
    const controller = new AbortController();
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (lastEventId !== undefined) headers['last-event-id'] = String(lastEventId);
    const response = await fetch(`${replica.url}/api/events`, { headers, signal: controller.signal });
    assert.equal(response.status, 200);
    const events: WireEvent[] = [];
    let notify = () => undefined as void;
    const reading = (async () => {
      for await (const raw of readServerSentEvents(response.body!)) {
        events.push({ id: Number(raw.id), type: raw.event, data: JSON.parse(raw.data) });
        notify();
      }
    })().catch(() => undefined);
    return {
      async until(done: (event: WireEvent) => boolean): Promise<WireEvent[]> {
        for (let waited = 0; !events.some(done); waited += 1) {
          if (waited > 200) assert.fail(`the stream never delivered the awaited event: ${JSON.stringify(events)}`);
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 100);
            notify = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
        return events.slice(0, events.findIndex(done) + 1);
      },
      close() {
        controller.abort();
        void reading;
      },
    };
  }
});

function assertIncreasing(events: readonly WireEvent[]): void {
  for (let index = 1; index < events.length; index += 1) {
    assert.ok(events[index]!.id > events[index - 1]!.id, `event ids out of order: ${events.map((event) => event.id).join(', ')}`);
  }
}
