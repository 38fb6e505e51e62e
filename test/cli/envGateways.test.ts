import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateToken } from '../../server/auth/tokens';
import { versionBody, workflowUpload } from '../service/support/artifacts';
import { startServiceProcess, type ServiceProcess } from '../service/support/serviceProcess';
import { codePlanner, startFakeMarieGateway, type FakeMarieGateway } from '../support/fakeMarieGateway';
import { runCli, type CliRun } from './runCli';

function shown(run: CliRun): string {
  return `exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
}

describe('forge-release env set-gateways, status and reconcile against a real service and a Marie-AI gateway', function () {
  this.timeout(120_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'forge-cli-gateways-'));
  const token = generateToken();
  let service: ServiceProcess;
  let marie: FakeMarieGateway;
  let env: NodeJS.ProcessEnv;
  const cli = (args: readonly string[]) => runCli(args, undefined, env);

  before(async () => {
    marie = await startFakeMarieGateway({ codePlanners: [codePlanner('builtin-router')] });
    service = await startServiceProcess(dataDir, token, { FORGE_RECONCILE_INTERVAL_MS: '300' });
    env = { FORGE_URL: service.url, FORGE_TOKEN: token };
    for (const [tag, revision] of [
      ['v1.0.0', 1],
      ['v1.1.0', 2],
    ] as const) {
      assert.equal((await service.call('POST', '/api/versions', versionBody(tag, [workflowUpload('intake', revision), workflowUpload('triage', 1)]))).status, 201);
    }
  });

  after(async () => {
    await service.kill();
    await marie.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function untilStatus(expected: number): Promise<CliRun> {
    for (let attempt = 0; ; attempt += 1) {
      const run = await cli(['env', 'status', 'development']);
      if (run.code === expected || attempt > 40) return run;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }

  it('sets typed gateways and the reconcile mode, and shows them', async () => {
    const set = await cli(['env', 'set-gateways', 'development', `marie:${marie.url}`, '--reconcile', 'report']);
    assert.equal(set.code, 0, shown(set));
    assert.equal(set.stdout, `development publishes to (reconcile report):\n  marie ${marie.url}\n`);
    const show = await cli(['env', 'show', 'development']);
    assert.match(show.stdout, new RegExp(`gateways: +marie ${marie.url}\\n`));
    const json = JSON.parse((await cli(['env', 'set-gateways', 'development', `marie:${marie.url}`, '--json'])).stdout);
    assert.deepEqual([json.gateways, json.reconcile], [[{ type: 'marie', url: marie.url }], 'report']);
  });

  it('refuses gateways it cannot read, in CLI terms, with exit 2', async () => {
    const bad = await cli(['env', 'set-gateways', 'development', 'marie:ftp://marie']);
    assert.equal(bad.code, 2, shown(bad));
    assert.equal(
      bad.stderr,
      'forge-release: gateway "marie:ftp://marie" must be an http(s) URL, optionally prefixed marie: or webhook: (e.g. marie:http://marie:51000)\n',
    );
    const none = await cli(['env', 'set-gateways', 'development']);
    assert.equal(none.code, 2, shown(none));
    assert.match(none.stderr, /--none to remove them all/);
  });

  it('dry-runs what each gateway would receive; status exits 0 in sync and 1 once the gateway restarts; reconcile heals it', async () => {
    const dryRun = await cli(['deploy', 'v1.0.0', '--env', 'development', '--dry-run']);
    assert.equal(dryRun.code, 0, shown(dryRun));
    assert.match(dryRun.stdout, new RegExp(`^gateway marie ${marie.url}: publish intake, triage; remove —$`, 'm'));
    const deployed = await cli(['deploy', 'v1.0.0', '--env', 'development', '--wait']);
    assert.equal(deployed.code, 0, shown(deployed));
    const inSync = await untilStatus(0);
    assert.equal(inSync.code, 0, shown(inSync));
    assert.match(inSync.stdout, /^development: in-sync \(checked /);
    assert.match(inSync.stdout, new RegExp(`^  in-sync +marie ${marie.url}$`, 'm'));

    await marie.restart();
    const drifted = await untilStatus(1);
    assert.equal(drifted.code, 1, shown(drifted));
    assert.match(drifted.stdout, /^development: drifted/);
    assert.match(drifted.stdout, /missing: intake, triage/);
    assert.equal(drifted.stderr, `forge-release: development is drifted: ${marie.url} drifted\n`);
    const json = await cli(['env', 'status', 'development', '--json']);
    assert.equal(json.code, 1);
    assert.deepEqual(JSON.parse(json.stdout).gateways[0].missing, ['intake', 'triage']);

    const reconciled = await cli(['env', 'reconcile', 'development']);
    assert.equal(reconciled.code, 0, shown(reconciled));
    assert.match(reconciled.stdout, /^development: in-sync/);
    assert.deepEqual(
      [...marie.planners.values()]
        .filter((p) => p.tags.includes('forge'))
        .map((p) => p.name)
        .sort(),
      ['intake', 'triage'],
    );
    assert.equal((await cli(['env', 'status', 'development'])).code, 0);
  });

  it('status of an unreachable gateway exits 1', async () => {
    await marie.stop();
    try {
      const run = await untilStatus(1);
      assert.equal(run.code, 1, shown(run));
      assert.match(run.stdout, /^development: unreachable/);
      assert.match(run.stdout, /unreachable \(ECONNREFUSED\)/);
    } finally {
      await marie.start();
    }
  });
});
