import assert from 'node:assert/strict';
import { startReconciler } from '../../../server/gateways/reconciler';
import { describeEachEngine } from '../../support/engines';
import { codePlanner, startFakeMarieGateway, type FakeMarieGateway } from '../../support/fakeMarieGateway';
import { versionBody, workflowUpload } from '../support/artifacts';
import { startTestGateway } from '../support/testGateway';
import { startTestService, type TestService } from '../support/testService';

// Checks take a few milliseconds; on a loaded machine, well under this.
const intervalMs = 1_000;
const checkAllowanceMs = 750;

describeEachEngine('gateway sync: drift detection and healing', function (engine) {
  this.timeout(60_000);
  let service: TestService;
  let marie: FakeMarieGateway;
  let reconciler: { stop(): Promise<void> } | null;
  const builtin = codePlanner('builtin-router');

  beforeEach(async () => {
    service = await startTestService({ engine, gatewayTimeoutMs: 300 });
    marie = await startFakeMarieGateway({ codePlanners: [builtin] });
    reconciler = null;
    for (const [tag, revision] of [
      ['v1.0.0', 1],
      ['v1.1.0', 2],
    ] as const) {
      assert.equal((await service.call('POST', '/api/versions', versionBody(tag, [workflowUpload('intake', revision), workflowUpload('triage', 1)]))).status, 201);
    }
  });

  afterEach(async () => {
    await reconciler?.stop();
    await service.close();
    await marie.close();
  });

  async function configure(body: Record<string, unknown>, environment = 'development') {
    const put = await service.call('PUT', `/api/environments/${environment}`, body);
    assert.equal(put.status, 200, put.text);
  }

  async function deploy(version: string) {
    const started = await service.call('POST', '/api/releases', { version, environment: 'development' });
    assert.equal(started.status, 202, started.text);
    await service.deps.tasks.idle();
    return (await service.call('GET', `/api/releases/${started.body.id}`)).body;
  }

  const sync = async () => (await service.call('GET', '/api/environments/development')).body.sync;

  /** Waits until the environment's sync satisfies `done`; resolves with the milliseconds it took. */
  async function until(done: (sync: any) => boolean, what: string, limitMs = 10_000): Promise<number> {
    const started = Date.now();
    for (;;) {
      const current = await sync();
      if (done(current)) return Date.now() - started;
      if (Date.now() - started > limitMs) throw new Error(`${what}: still ${JSON.stringify(current)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  const reconciledEvents = async () =>
    (await service.deps.db.execute("SELECT actor, version, outcome, details FROM audit_events WHERE action = 'gateway.reconciled' ORDER BY seq")).rows.map((row) => ({
      actor: row.actor,
      version: row.version,
      outcome: row.outcome,
      details: JSON.parse(String(row.details)),
    }));

  const syncEvents = async () =>
    (await service.deps.db.execute("SELECT data FROM service_events WHERE type = 'environment.sync' ORDER BY seq")).rows.map((row) => JSON.parse(String(row.data)));

  async function inSyncGauge(gateway: string): Promise<number | null> {
    const metrics = await service.call('GET', '/metrics', undefined, null);
    const line = metrics.text.split('\n').find((l) => l.startsWith(`forge_gateway_in_sync{environment="development",gateway="${gateway}"}`));
    return line === undefined ? null : Number(line.split(' ').pop());
  }

  /** Starts the background reconciler and waits for its start-up pass to have checked the environment. */
  async function startReconciling(interval = intervalMs) {
    const startedAt = new Date().toISOString();
    reconciler = startReconciler(service.deps, interval);
    await until((s) => s.checkedAt !== null && s.checkedAt >= startedAt, 'the start-up check');
  }

  const forgePlanners = () =>
    [...marie.planners.values()]
      .filter((p) => p.tags.includes('forge'))
      .map((p) => `${p.name}@${p.version}`)
      .sort();

  it('in report mode, a restarted gateway is reported drifted within one interval, as an event and on /metrics, and left as it is', async () => {
    await configure({ gateways: [{ type: 'marie', url: marie.url }], reconcile: 'report' });
    assert.equal((await sync()).state, 'unknown');
    await deploy('v1.0.0');
    assert.equal((await sync()).state, 'in-sync');
    assert.equal(await inSyncGauge(marie.url), 1);
    await startReconciling();
    await marie.restart();
    const elapsed = await until((s) => s.state === 'drifted', 'the restart was not reported');
    assert.ok(elapsed <= intervalMs + checkAllowanceMs, `reported after ${elapsed} ms`);
    const current = await sync();
    assert.deepEqual(current.gateways, [
      {
        url: marie.url,
        type: 'marie',
        state: 'drifted',
        missing: ['intake', 'triage'],
        unexpected: [],
        outdated: [],
        detail: '2 planners missing',
      },
    ]);
    assert.ok(current.checkedAt);
    assert.equal(await inSyncGauge(marie.url), 0);
    assert.deepEqual(
      (await syncEvents()).map((event) => event.sync.state),
      ['in-sync', 'drifted'],
    );
    // Report mode heals nothing, however many intervals pass.
    await new Promise((resolve) => setTimeout(resolve, intervalMs * 1.5));
    assert.deepEqual(forgePlanners(), []);
    assert.deepEqual(await reconciledEvents(), []);
    assert.deepEqual(marie.planners.get('builtin-router'), builtin);
  });

  it('in auto mode, a restarted gateway gets its planners back within one interval, audited as gateway.reconciled', async () => {
    await configure({ gateways: [{ type: 'marie', url: marie.url }] });
    await deploy('v1.0.0');
    await startReconciling();
    await marie.restart();
    const started = Date.now();
    await until(() => forgePlanners().length === 2, 'the planners did not come back');
    const elapsed = Date.now() - started;
    assert.ok(elapsed <= intervalMs + checkAllowanceMs, `healed after ${elapsed} ms`);
    assert.deepEqual(forgePlanners(), ['intake@v1.0.0', 'triage@v1.0.0']);
    await until((s) => s.state === 'in-sync', 'the heal was not recorded');
    const [event] = await reconciledEvents();
    assert.deepEqual(event, {
      actor: 'system',
      version: 'v1.0.0',
      outcome: 'success',
      details: {
        trigger: 'interval',
        gateways: [
          { url: marie.url, type: 'marie', outcome: 'published', published: ['intake', 'triage'], removed: [], detail: 'registered 2, unregistered 0 planners' },
        ],
      },
    });
    assert.deepEqual(marie.planners.get('builtin-router'), builtin);
    assert.equal(await inSyncGauge(marie.url), 1);
  });

  it('reports an unreachable gateway as unreachable within one interval, and in sync once it answers again', async () => {
    await configure({ gateways: [{ type: 'marie', url: marie.url }] });
    await deploy('v1.0.0');
    await startReconciling();
    await marie.stop();
    const elapsed = await until((s) => s.state === 'unreachable', 'the stopped gateway was not reported');
    assert.ok(elapsed <= intervalMs + checkAllowanceMs, `reported after ${elapsed} ms`);
    assert.match((await sync()).gateways[0].detail, /unreachable \(ECONNREFUSED\)/);
    assert.equal(await inSyncGauge(marie.url), 0);
    await marie.start();
    await until((s) => s.state === 'in-sync', 'the gateway answering again was not seen');
  });

  it('heals a double fault (the release and its compensation both fail) within one interval after the gateway recovers', async () => {
    await configure({ gateways: [{ type: 'marie', url: marie.url }] });
    await deploy('v1.0.0');
    await startReconciling();
    marie.setDefault({ kind: 'fail', status: 503 });
    const failed = await deploy('v1.1.0');
    assert.equal(failed.status, 'failed');
    assert.match(failed.reason, /re-activating v1\.0\.0 failed/);
    assert.equal(failed.gateways[0].restore.outcome, 'failed');
    // intake was unregistered before its refused registration, and could not be put back.
    assert.deepEqual(forgePlanners(), ['triage@v1.0.0']);
    await until((s) => s.state === 'drifted', 'the failed compensation left no drift');
    assert.deepEqual((await sync()).gateways[0].missing, ['intake']);
    marie.setDefault({ kind: 'ok' });
    const elapsed = await until((s) => s.state === 'in-sync', 'the double fault was not healed');
    assert.ok(elapsed <= intervalMs + checkAllowanceMs, `healed after ${elapsed} ms`);
    assert.deepEqual(forgePlanners(), ['intake@v1.0.0', 'triage@v1.0.0']);
    const healed = (await reconciledEvents()).filter((event) => event.outcome === 'success');
    assert.equal(healed.length, 1);
    assert.deepEqual([healed[0]!.version, healed[0]!.details.gateways[0].published], ['v1.0.0', ['intake']]);
    assert.ok(
      (await reconciledEvents()).some((event) => event.outcome === 'failure'),
      'the heal attempts while the gateway refused are not audited',
    );
  });

  it('heals a webhook whose compensation failed, judging it by what it last acknowledged', async () => {
    const [taking, refusing] = await Promise.all([startTestGateway(), startTestGateway()]);
    try {
      await configure({ gateways: [taking.url, refusing.url] });
      const first = await deploy('v1.0.0');
      await startReconciling();
      // The first takes v1.1.0 and then refuses everything; the second refuses v1.1.0: the release fails, the restore too.
      taking.enqueue({ kind: 'ok' });
      taking.setDefault({ kind: 'fail', status: 503 });
      refusing.enqueue({ kind: 'fail', status: 500 });
      const failed = await deploy('v1.1.0');
      assert.equal(failed.status, 'failed');
      assert.equal(taking.active, 'v1.1.0');
      await until((s) => s.gateways[0].state === 'drifted', 'the webhook left on v1.1.0 is not drifted');
      assert.deepEqual(
        (await sync()).gateways.map((g: any) => [g.state, g.outdated]),
        [
          ['drifted', ['workflow/intake', 'workflow/triage']],
          ['in-sync', []],
        ],
      );
      taking.setDefault({ kind: 'ok' });
      const elapsed = await until((s) => s.state === 'in-sync', 'the webhook was not healed');
      assert.ok(elapsed <= intervalMs + checkAllowanceMs, `healed after ${elapsed} ms`);
      assert.equal(taking.active, 'v1.0.0');
      // The healing activation is v1.0.0's, of the release that made it active, numbered after everything before it.
      const healing = taking.received.at(-1)!;
      assert.deepEqual([healing.version, healing.releaseId], ['v1.0.0', first.id]);
      assert.ok(healing.sequence > Math.max(...taking.received.slice(0, -1).map((m) => m.sequence)));
      assert.deepEqual(taking.stale, []);
    } finally {
      await Promise.all([taking.close(), refusing.close()]);
    }
  });

  it('POST /api/environments/:name/reconcile re-publishes at once whatever the mode, for whoever may deploy there', async () => {
    await configure({ gateways: [{ type: 'marie', url: marie.url }], reconcile: 'report' });
    await deploy('v1.0.0');
    await marie.restart();
    const developer = await service.userToken('dana', 'developer');
    const reconciled = await service.call('POST', '/api/environments/development/reconcile', undefined, developer);
    assert.equal(reconciled.status, 200, reconciled.text);
    assert.equal(reconciled.body.state, 'in-sync');
    assert.deepEqual(forgePlanners(), ['intake@v1.0.0', 'triage@v1.0.0']);
    const [event] = await reconciledEvents();
    assert.deepEqual([event!.actor, event!.details.trigger], ['dana', 'request']);
    assert.equal((await service.call('POST', '/api/environments/production/reconcile', undefined, developer)).status, 403);
    assert.equal((await service.call('POST', '/api/environments/nowhere/reconcile')).status, 404);
    // While a release runs, the release decides what the gateways hold.
    marie.setDefault({ kind: 'slow', ms: 300 });
    const running = await service.call('POST', '/api/releases', { version: 'v1.1.0', environment: 'development' });
    assert.equal(running.status, 202);
    const busy = await service.call('POST', '/api/environments/development/reconcile');
    assert.deepEqual([busy.status, busy.body.error.code], [409, 'lock_held']);
    await service.deps.tasks.idle();
  });

  it('two replicas reconciling one environment heal each restart once, never fighting', async () => {
    const second = await startTestService({ engine, databaseUrl: service.databaseUrl, gatewayTimeoutMs: 300 });
    let secondReconciler: { stop(): Promise<void> } | null = null;
    try {
      await configure({ gateways: [{ type: 'marie', url: marie.url }] });
      await deploy('v1.0.0');
      reconciler = startReconciler(service.deps, 200);
      secondReconciler = startReconciler(second.deps, 200);
      for (let restart = 1; restart <= 3; restart += 1) {
        const registrationsBefore = marie.requests.filter((r) => r.method === 'POST').length;
        await marie.restart();
        await until(() => forgePlanners().length === 2, `restart ${restart} was not healed`);
        // A few more intervals of both: nothing is registered twice.
        await new Promise((resolve) => setTimeout(resolve, 800));
        assert.equal(marie.requests.filter((r) => r.method === 'POST').length - registrationsBefore, 2, `restart ${restart}`);
        assert.equal((await reconciledEvents()).length, restart);
      }
      assert.deepEqual(forgePlanners(), ['intake@v1.0.0', 'triage@v1.0.0']);
    } finally {
      await secondReconciler?.stop();
      await second.close();
    }
  });
});
