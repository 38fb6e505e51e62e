import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claimsRepoArtifacts, versionBody } from '../service/support/artifacts';
import { startServiceProcess, type ServiceProcess } from '../service/support/serviceProcess';
import { runCli, shown, until } from './runCli';

describe('forge-release eval and the evaluation gate against a real service process', function () {
  this.timeout(120_000);

  let service: ServiceProcess;
  let dataDir: string;
  let admin: NodeJS.ProcessEnv;
  const reviewers: NodeJS.ProcessEnv[] = [];
  const cli = (args: readonly string[], env: NodeJS.ProcessEnv = admin) => runCli(args, dataDir, env);

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'forge-cli-eval-'));
    const token = randomBytes(32).toString('base64url');
    // The sweeper starts approved releases whose freeze ended: every 300 ms here.
    service = await startServiceProcess(join(dataDir, 'service'), token, { FORGE_APPROVAL_SWEEP_MS: '300' });
    admin = { FORGE_URL: service.url, FORGE_TOKEN: token };
    assert.equal((await service.call('POST', '/api/versions', versionBody('v1.0.0', claimsRepoArtifacts()))).status, 201);
    for (const environment of ['development', 'staging']) {
      const started = await service.call('POST', '/api/releases', { version: 'v1.0.0', environment });
      assert.equal(started.status, 202);
      await until(async () => ((await service.call('GET', `/api/releases/${started.body.id}`)).body.status === 'succeeded' ? true : undefined));
    }
    assert.equal((await service.call('POST', '/api/versions/v1.0.0/checks', { name: 'smoke-tests', status: 'success' })).status, 201);
    const production = (await service.call('GET', '/api/environments/production')).body;
    const evaluation = [{ suite: 'claims-routing', metrics: { accuracy: { min: 0.9, maxDrop: 0.02 }, p95_ms: { max: 2000 } } }];
    assert.equal((await service.call('PUT', '/api/environments/production', { gates: { ...production.gates, evaluation } })).status, 200);
    for (const name of ['rita', 'raj']) {
      const user = await service.call('POST', '/api/users', { name, role: 'maintainer' });
      const created = await service.call('POST', `/api/users/${user.body.id}/tokens`, { name: 'cli' });
      reviewers.push({ FORGE_URL: service.url, FORGE_TOKEN: created.body.token });
    }
  });

  after(async () => {
    await service?.kill();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('eval report refuses a bad command line with exit 2 and one line in CLI terms, storing nothing', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['--suite', 'claims-routing', '--metric', 'accuracy'],
        /option '--metric <name=value>' argument 'accuracy' is invalid\. expected name=value, e\.g\. accuracy=0\.93\./,
      ],
      [['--suite', 'claims-routing', '--metric', 'accuracy=high'], /argument 'accuracy=high' is invalid\. the value of accuracy is not a number\./],
      [['--suite', 'claims-routing', '--metric', 'accuracy=0.9', '--metric', 'accuracy=0.8'], /accuracy is given twice\./],
      [['--metric', 'accuracy=0.9'], /^forge-release: give the suite with --suite <name> \(or a "suite" in the --from file\)$/m],
      [['--suite', 'claims-routing'], /^forge-release: give at least one --metric name=value \(or "metrics" in the --from file\)$/m],
      [['--suite', 'claims routing', '--metric', 'accuracy=0.9'], /^forge-release: --suite: a suite name such as "claims-routing"/m],
      [['--suite', 'claims-routing', '--metric', '9lives=1'], /^forge-release: --metric 9lives: "9lives" is not a metric name such as "accuracy"/m],
      [['--from', 'missing.json'], /^forge-release: cannot read missing\.json: no such file or directory$/m],
    ];
    for (const [args, message] of cases) {
      const run = await cli(['eval', 'report', 'v1.0.0', ...args]);
      assert.equal(run.code, 2, `${args.join(' ')}\n${shown(run)}`);
      assert.match(run.stderr, message, args.join(' '));
      assert.equal(run.stderr.trim().split('\n').length, 1, `one line: ${run.stderr}`);
    }
    writeFileSync(join(dataDir, 'broken.json'), '{"suite": "claims-routing",');
    const broken = await cli(['eval', 'report', 'v1.0.0', '--from', 'broken.json']);
    assert.equal(broken.code, 2, shown(broken));
    assert.match(broken.stderr, /^forge-release: broken\.json is not JSON: /);
    writeFileSync(join(dataDir, 'wrong.json'), JSON.stringify({ suite: 'claims-routing', metrics: { accuracy: 'high' } }));
    const wrong = await cli(['eval', 'report', 'v1.0.0', '--from', 'wrong.json']);
    assert.equal(wrong.code, 2, shown(wrong));
    assert.equal(wrong.stderr, 'forge-release: wrong.json: metrics.accuracy: a metric value is a number\n');

    const unknown = await cli(['eval', 'report', 'v9.9.9', '--suite', 'claims-routing', '--metric', 'accuracy=0.9']);
    assert.equal(unknown.code, 1, shown(unknown));
    assert.equal(unknown.stderr, 'forge-release: <version>: version "v9.9.9" not found (404 not_found)\n');
    const unknownEnvironment = await cli(['eval', 'report', 'v1.0.0', '--suite', 'claims-routing', '--metric', 'accuracy=0.9', '--env', 'prod']);
    assert.equal(unknownEnvironment.code, 1, shown(unknownEnvironment));
    assert.equal(unknownEnvironment.stderr, 'forge-release: --env: environment "prod" not found; known: development, staging, production (404 not_found)\n');
    const anonymous = await runCli(['eval', 'report', 'v1.0.0', '--suite', 'claims-routing', '--metric', 'accuracy=0.9'], dataDir, {
      FORGE_URL: service.url,
      FORGE_TOKEN: '',
    });
    assert.equal(anonymous.code, 3, shown(anonymous));
    assert.equal((await service.call('GET', '/api/versions/v1.0.0/evaluations')).body.items.length, 0);
  });

  it('env show lists the suites production requires with their bounds, and what a gate change does to approvals', async () => {
    const shownEnvironment = await cli(['env', 'show', 'production']);
    assert.equal(shownEnvironment.code, 0, shown(shownEnvironment));
    assert.match(
      shownEnvironment.stdout,
      /^ {2}gates: +validation, promotion-order, required-checks \(smoke-tests\), semver-policy, approvals, evaluation \(claims-routing: accuracy ≥ 0\.9, drop ≤ 0\.02; p95_ms ≤ 2000\)$/m,
    );
    assert.match(shownEnvironment.stdout, /^ {2}approvals: +2 of role:maintainer, role:admin, expire after 1440 min, on a gate change: reapprove$/m);
  });

  it('production refuses a version below the bound (exit 1, naming the evaluation gate and the metric); the dry run shows it', async () => {
    const low = await cli([
      'eval',
      'report',
      'v1.0.0',
      '--suite',
      'claims-routing',
      '--metric',
      'accuracy=0.85',
      '--metric',
      'p95_ms=1800',
      '--dataset',
      'claims-2026-02',
    ]);
    assert.equal(low.code, 0, shown(low));
    assert.equal(low.stdout, 'reported claims-routing for v1.0.0: accuracy=0.85 p95_ms=1800\n');

    const dry = await cli(['deploy', 'v1.0.0', '--env', 'production', '--dry-run']);
    assert.equal(dry.code, 1, shown(dry));
    assert.match(dry.stdout, /^ {2}✗ evaluation: claims-routing: accuracy 0\.85 is below the minimum 0\.9$/m);
    assert.match(dry.stdout, /^would be refused$/m);

    const refused = await cli(['promote', '--env', 'production']);
    assert.equal(refused.code, 1, shown(refused));
    assert.match(refused.stderr, /^forge-release: quality gates failed: evaluation \(422 gate_failed\)$/m);
    assert.match(refused.stderr, /^ {2}✗ evaluation: claims-routing: accuracy 0\.85 is below the minimum 0\.9$/m);
  });

  it('a good result from a --from file passes: the dry run would pass and wait for approval; eval list marks the result that counts', async () => {
    writeFileSync(
      join(dataDir, 'eval-results.json'),
      JSON.stringify({ suite: 'claims-routing', metrics: { accuracy: 0.94, p95_ms: 1700 }, dataset: 'claims-2026-02', summary: '188 of 200 routed' }),
    );
    const good = await cli(['eval', 'report', 'v1.0.0', '--from', 'eval-results.json', '--url', 'https://ci.example.com/runs/9', '--json']);
    assert.equal(good.code, 0, shown(good));
    const stored = JSON.parse(good.stdout);
    assert.deepEqual(
      [stored.metrics, stored.url, stored.summary, stored.latest],
      [{ accuracy: 0.94, p95_ms: 1700 }, 'https://ci.example.com/runs/9', '188 of 200 routed', true],
    );
    assert.match(stored.contentHash, /^[0-9a-f]{64}$/);

    const list = await cli(['eval', 'list', 'v1.0.0']);
    assert.equal(list.code, 0, shown(list));
    const rows = list.stdout.trimEnd().split('\n');
    assert.match(rows[0]!, /^ {3}SUITE +ENVIRONMENT +METRICS +REPORTED BY +AT$/);
    assert.match(rows[1]!, /^\* +claims-routing +— +accuracy=0\.94 p95_ms=1700 +admin /);
    assert.match(rows[2]!, /^ {3}claims-routing +— +accuracy=0\.85 p95_ms=1800 +admin /);

    const dry = await cli(['deploy', 'v1.0.0', '--env', 'production', '--dry-run']);
    assert.equal(dry.code, 0, shown(dry));
    assert.match(
      dry.stdout,
      /^ {2}✓ evaluation: 2 metrics within bounds \(nothing active in production to compare against\): claims-routing accuracy 0\.94, claims-routing p95_ms 1700$/m,
    );
    assert.match(dry.stdout, /^would pass, then wait for approval$/m);
  });

  it('a release approved by two reviewers whose evaluation regresses before it starts is not deployed; its approvals are invalidated and the audit says why', async () => {
    const requested = await cli(['promote', '--env', 'production', '--json']);
    assert.equal(requested.code, 0, shown(requested));
    const release = JSON.parse(requested.stdout);
    assert.equal(release.approval, 'waiting');
    const first = await cli(['approve', release.id, '--comment', 'accuracy 0.94 looks right'], reviewers[0]);
    assert.equal(first.code, 0, shown(first));
    // A freeze declared while the release waits holds it once approved; ending it lets the sweeper start it.
    const now = Date.now();
    const freeze = { start: new Date(now - 60_000).toISOString(), end: new Date(now + 3_600_000).toISOString(), timeZone: 'UTC', reason: 'change freeze' };
    assert.equal((await service.call('PUT', '/api/environments/production', { freezeWindows: [freeze] })).status, 200);
    const second = await cli(['approve', release.id, '--json'], reviewers[1]);
    assert.equal(second.code, 0, shown(second));
    assert.deepEqual([JSON.parse(second.stdout).state, JSON.parse(second.stdout).release.status], ['approved', 'pending']);

    const regressed = await cli(['eval', 'report', 'v1.0.0', '--suite', 'claims-routing', '--metric', 'accuracy=0.8', '--metric', 'p95_ms=1700']);
    assert.equal(regressed.code, 0, shown(regressed));
    assert.equal((await service.call('PUT', '/api/environments/production', { freezeWindows: [] })).status, 200);

    const invalidated = await until(async () => {
      const current = (await service.call('GET', `/api/releases/${release.id}`)).body;
      return current.invalidatedApprovals.length === 2 ? current : undefined;
    });
    assert.deepEqual([invalidated.status, invalidated.approval, invalidated.approvals], ['pending', 'waiting', []]);
    assert.deepEqual(
      invalidated.invalidatedApprovals.map((a: { user: string }) => a.user),
      ['rita', 'raj'],
    );
    assert.equal((await service.call('GET', '/api/environments/production')).body.activeVersion, null, 'nothing was deployed');

    const again = await cli(['approve', release.id], reviewers[0]);
    assert.equal(again.code, 1, shown(again));
    assert.match(
      again.stderr,
      /^forge-release: the gates changed since the release was requested: evaluation: claims-routing: accuracy 0\.8 is below the minimum 0\.9 \(it passed before\); it can be approved once they pass again \(409 gates_changed\)$/m,
    );

    const audit = await cli(['audit', '--action', 'approval.invalidated', '--json']);
    assert.equal(audit.code, 0, shown(audit));
    const [event] = JSON.parse(audit.stdout).items;
    assert.deepEqual([event.actor, event.releaseId, event.outcome], ['system', release.id, 'waiting']);
    assert.equal(event.details.reason, 'gates changed after approval: evaluation: claims-routing: accuracy 0.8 is below the minimum 0.9 (it passed before)');
    assert.deepEqual(
      event.details.invalidated.map((d: { user: string }) => d.user),
      ['rita', 'raj'],
    );
  });
});
