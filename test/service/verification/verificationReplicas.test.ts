import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Release } from '../../../core/api/release';
import { generateToken } from '../../../server/auth/tokens';
import type { Database } from '../../../server/store/database';
import { openDatabase } from '../../../server/store/openDatabase';
import { describeEachEngine } from '../../support/engines';
import { testPrometheus, type MetricsScope, type TestPrometheus } from '../../support/prometheus';
import { versionBody, workflowUpload } from '../support/artifacts';
import { startReplicas, type Replicas } from '../support/replicas';

/**
 * A front of the real Prometheus, as a query frontend would be: it passes every query on, except that it can hold
 * the next one unanswered, so a test knows a replica is in the middle of a round when it kills it.
 */
interface PrometheusFront {
  url: string;
  /** Queries passed on so far. */
  answered: number;
  /** The next query is held, never answered; resolves once one is held. */
  holdNext(): Promise<void>;
  close(): Promise<void>;
}

async function startPrometheusFront(target: string): Promise<PrometheusFront> {
  let hold: (() => void) | null = null;
  const held: ServerResponse[] = [];
  const front = { answered: 0 };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (hold) {
        held.push(response);
        hold();
        hold = null;
        return;
      }
      void fetch(`${target}${request.url}`, {
        method: request.method,
        headers: { 'content-type': String(request.headers['content-type'] ?? '') },
        body: Buffer.concat(chunks),
      })
        .then(async (answer) => {
          front.answered += 1;
          response.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
        })
        .catch(() => response.writeHead(502).end());
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get answered() {
      return front.answered;
    },
    holdNext: () => new Promise<void>((isHeld) => (hold = isHeld)),
    close: () =>
      new Promise<void>((done) => {
        for (const response of held) response.destroy();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

describeEachEngine('verification windows across replicas', function (engine) {
  this.timeout(180_000);
  const token = generateToken();
  let replicas: Replicas;
  let main: Database;
  let prometheus: TestPrometheus;
  let metrics: MetricsScope;
  let front: PrometheusFront;
  const a = () => replicas.processes[0]!;
  const b = () => replicas.processes[1]!;

  before(async () => {
    prometheus = await testPrometheus();
    metrics = prometheus.scope();
    metrics.gauge('forge_test_failure_ratio', {}, 0.01);
    await prometheus.waitFor(`forge_test_failure_ratio{${metrics.selector}}`, (samples) => samples[0]?.value === 0.01);
    front = await startPrometheusFront(prometheus.url);
    replicas = await startReplicas(engine, 2, token);
    main = await openDatabase(replicas.database.url);
    for (const [tag, revision] of [
      ['v1.0.0', 1],
      ['v1.0.1', 2],
      ['v1.0.2', 3],
    ] as const) {
      assert.equal((await a().call('POST', '/api/versions', versionBody(tag, [workflowUpload('intake', revision)]))).status, 201);
    }
    assert.equal((await deploy('v1.0.0')).verification, null);
    const put = await b().call('PUT', '/api/environments/development', {
      verification: {
        prometheusUrl: front.url,
        windowSeconds: 6,
        intervalSeconds: 1,
        metrics: [{ name: 'failure-ratio', query: `max(forge_test_failure_ratio{${metrics.selector}})`, max: 0.05 }],
        onFailure: 'rollback',
      },
    });
    assert.equal(put.status, 200);
  });

  after(async () => {
    await replicas?.close();
    await main?.close();
    await front?.close();
    metrics?.clear();
  });

  async function deploy(version: string): Promise<Release> {
    const started = await a().call('POST', '/api/releases', { version, environment: 'development' });
    assert.equal(started.status, 202, JSON.stringify(started.body));
    return until(started.body.id, (release) => release.status !== 'in-progress', 'the deploy did not finish');
  }

  /** Polls the release on whichever replica is up until `done` holds. */
  async function until(id: string, done: (release: Release) => boolean, what: string, timeoutMs = 30_000): Promise<Release> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const replica = a().child.exitCode === null && a().child.signalCode === null ? a() : b();
      const release = (await replica.call('GET', `/api/releases/${id}`)).body as Release;
      if (done(release)) return release;
      if (Date.now() > deadline) assert.fail(`${what}: ${JSON.stringify(release.verification)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function roundsOf(releaseId: string): Promise<number[]> {
    const rows = await main.execute({ sql: 'SELECT round FROM verification_checks WHERE release_id = ? ORDER BY round', args: [releaseId] });
    return rows.rows.map((row) => Number(row.round));
  }

  const roundFailures = () => [...a().lines, ...b().lines].filter((line) => line.includes('verification round failed') || line.includes('verification pass failed'));

  it('evaluates each round once while both replicas look, and a round whose replica dies mid-query is taken over by the other', async () => {
    const deployed = await deploy('v1.0.1');
    assert.equal(deployed.verification?.state, 'running');
    await until(deployed.id, (release) => (release.verification?.checks.length ?? 0) >= 2, 'two rounds were never recorded');
    await front.holdNext();
    const claim = await main.execute({
      sql: `SELECT v.next_round, v.claimed_round, i.pid FROM release_verifications v JOIN service_instances i ON i.id = v.claimed_by WHERE v.release_id = ?`,
      args: [deployed.id],
    });
    const { next_round: nextRound, claimed_round: claimedRound, pid } = claim.rows[0]!;
    assert.equal(claimedRound, nextRound, 'the held query belongs to a claimed, unrecorded round');
    const owner = [a(), b()].find((replica) => replica.child.pid === Number(pid));
    assert.ok(owner, `no replica has pid ${pid}`);
    await owner.kill('SIGKILL');

    const final = await until(deployed.id, (release) => release.verification?.state !== 'running', 'the window never ended', 40_000);
    assert.equal(final.verification?.state, 'passed', final.verification?.reason ?? '');
    const rounds = await roundsOf(deployed.id);
    assert.deepEqual(
      rounds,
      rounds.map((_, index) => index + 1),
      'rounds recorded once each, none lost',
    );
    assert.ok(rounds.includes(Number(nextRound)), `the held round ${nextRound} was recorded by the surviving replica`);
    assert.ok(rounds.length >= 3 && rounds.length <= 6, `rounds: ${rounds.join(', ')}`);
    const completed = await main.execute({ sql: `SELECT outcome FROM audit_events WHERE action = 'verification.completed' AND release_id = ?`, args: [deployed.id] });
    assert.deepEqual(
      completed.rows.map((row) => row.outcome),
      ['passed'],
    );
    assert.deepEqual(roundFailures(), []);
    await replicas.restart(replicas.processes.indexOf(owner));
  });

  it('a breach seen while both replicas run starts exactly one automatic rollback', async () => {
    metrics.gauge('forge_test_failure_ratio', {}, 0.5);
    await prometheus.waitFor(`forge_test_failure_ratio{${metrics.selector}}`, (samples) => samples[0]?.value === 0.5);
    const deployed = await deploy('v1.0.2');
    const failed = await until(deployed.id, (release) => release.verification?.state === 'failed', 'the window never failed');
    assert.equal(failed.verification?.checks.length, 1);
    const rollbackId = failed.verification?.rollbackReleaseId;
    assert.ok(rollbackId);
    const rollback = await until(rollbackId, (release) => release.status !== 'in-progress', 'the rollback never finished');
    assert.equal(rollback.status, 'succeeded');
    const releases = (await a().call('GET', '/api/releases?environment=development')).body.items as Release[];
    assert.deepEqual(releases.map((release) => `${release.kind} ${release.version} ${release.requestedBy}`).slice(0, 2), [
      'rollback v1.0.1 system',
      'deploy v1.0.2 admin',
    ]);
    assert.equal(releases.filter((release) => release.kind === 'rollback').length, 1);
    assert.equal((await b().call('GET', '/api/environments/development')).body.activeVersion, 'v1.0.1');
    assert.deepEqual(roundFailures(), []);
  });
});
