import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { commitFiles, createRepositoryFixture, mergePullRequest, type RepositoryFixture } from '../git/gitRepositoryFixture';
import type { ServiceProcess } from '../service/support/serviceProcess';
import { exampleRepository, runCli, shown, startCliService, until, type CliService } from './runCli';

const intakePath = 'workflows/claims-intake.json';

/** A local port nothing listens on (it was free a moment ago). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('forge-release end to end against a real service process', function () {
  // Every step is a real process (tsx start-up included) on a loaded machine.
  this.timeout(120_000);

  let fixture: RepositoryFixture;
  let running: CliService;
  let service: ServiceProcess;
  let outDir: string;
  let admin: NodeJS.ProcessEnv;
  const reviewers: NodeJS.ProcessEnv[] = [];

  /** Runs the CLI in the working clone as `env` (default: the admin). */
  const cli = (args: readonly string[], env: NodeJS.ProcessEnv = admin) => runCli(args, fixture.work, env);

  before(async () => {
    fixture = await createRepositoryFixture();
    cpSync(exampleRepository, fixture.work, { recursive: true });
    await commitFiles(fixture.git, 'Import the claims workflows', {});
    // PR #1: a branch changing the intake workflow's description, merged with a merge commit.
    await fixture.git.raw(['checkout', '--quiet', '-b', 'intake-wording']);
    const intake = readFileSync(join(fixture.work, intakePath), 'utf8');
    await commitFiles(fixture.git, 'Reword the intake description', { [intakePath]: intake.replace('Classify incoming', 'Classify every incoming') });
    await fixture.git.raw(['checkout', '--quiet', 'main']);
    await mergePullRequest(fixture.git, 'intake-wording', 'Merge pull request #1 from acme/intake-wording', 'Reword intake', { name: 'Mona', email: 'mona@example.com' });
    await fixture.git.raw(['push', '--quiet', 'origin', 'main']);

    outDir = mkdtempSync(join(tmpdir(), 'forge-cli-out-'));
    running = await startCliService();
    ({ service, admin } = running);
  });

  after(async () => {
    await running?.stop();
    await fixture?.remove();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('version create tags HEAD as v1.0.0, pushes the tag to origin and registers it with its change set', async () => {
    const run = await cli(['version', 'create', '--push', '--json', '--message', 'Claims intake, first release']);
    assert.equal(run.code, 0, shown(run));
    const version = JSON.parse(run.stdout);
    assert.equal(version.tag, 'v1.0.0');
    assert.equal(version.valid, true);
    assert.equal(version.message, 'Claims intake, first release');
    assert.equal(version.artifacts.length, 7);
    assert.equal(version.changeSets.length, 1);
    assert.match(run.stderr, /^tagged v1\.0\.0 at [0-9a-f]{12} /m);
    assert.match(run.stderr, /^pushed v1\.0\.0 to origin$/m);
    const remoteTags = await fixture.git.raw(['ls-remote', '--tags', 'origin']);
    assert.match(remoteTags, /refs\/tags\/v1\.0\.0\^\{\}/);

    const list = await cli(['changeset', 'list', '--json']);
    assert.equal(list.code, 0, shown(list));
    const [changeSet] = JSON.parse(list.stdout).items;
    assert.deepEqual(
      changeSet.pullRequests.map((pr: { number: number; title: string }) => [pr.number, pr.title]),
      [[1, 'Reword intake']],
    );
    assert.deepEqual(changeSet.artifacts, [intakePath]);
    assert.deepEqual(changeSet.versions, ['v1.0.0']);
  });

  it('version create refuses an already tagged HEAD and uncommitted artifact changes with exit 1, tagging nothing', async () => {
    const run = await cli(['version', 'create']);
    assert.equal(run.code, 1, shown(run));
    assert.match(run.stderr, /^forge-release: HEAD is already tagged v1\.0\.0/m);
    await writeFile(join(fixture.work, 'agents/draft.json'), '{}\n');
    const dirty = await cli(['version', 'create']);
    await rm(join(fixture.work, 'agents/draft.json'));
    assert.equal(dirty.code, 1, shown(dirty));
    assert.equal(dirty.stderr, 'forge-release: commit the artifact changes first, a version tags what is committed: agents/draft.json\n');
    assert.equal((await fixture.git.raw(['tag', '--list'])).trim(), 'v1.0.0');
  });

  it('deploys v1.0.0 to development with --wait, showing the progress as plain lines', async () => {
    const run = await cli(['deploy', 'v1.0.0', '--env', 'development', '--wait']);
    assert.equal(run.code, 0, shown(run));
    assert.match(run.stdout, /^release \S+ deploy v1\.0\.0 → development: /m);
    assert.match(run.stdout, /^ {2}✓ validation: /m);
    assert.match(run.stdout, /^development ← v1\.0\.0: succeeded$/m);
    assert.ok(!run.stdout.includes('\x1b['), 'no terminal control sequences when stdout is not a TTY');
  });

  it('promotes to staging', async () => {
    const run = await cli(['promote', '--env', 'staging', '--wait', '--json']);
    assert.equal(run.code, 0, shown(run));
    const release = JSON.parse(run.stdout);
    assert.deepEqual([release.kind, release.version, release.environment, release.status], ['promote', 'v1.0.0', 'staging', 'succeeded']);
    const env = await cli(['env', 'show', 'staging', '--json']);
    assert.equal(JSON.parse(env.stdout).activeVersion, 'v1.0.0');
  });

  it('creates two reviewers with user create and user token', async () => {
    for (const name of ['rita', 'raj']) {
      const created = await cli(['user', 'create', name, '--role', 'maintainer', '--json']);
      assert.equal(created.code, 0, shown(created));
      const user = JSON.parse(created.stdout);
      assert.equal(user.role, 'maintainer');
      const token = await cli(['user', 'token', user.id, '--name', 'e2e']);
      assert.equal(token.code, 0, shown(token));
      assert.match(token.stdout, /^\S{16,}\n$/);
      assert.match(token.stderr, /shown only this once/);
      reviewers.push({ FORGE_URL: service.url, FORGE_TOKEN: token.stdout.trim() });
    }
    const me = await runCli(['approvals', 'list', '--json'], fixture.work, reviewers[0]);
    assert.equal(me.code, 0, shown(me));
  });

  it('production refuses the promotion (exit 1, each failed gate listed) until the smoke-test check is reported', async () => {
    const refused = await cli(['promote', '--env', 'production']);
    assert.equal(refused.code, 1, shown(refused));
    assert.match(refused.stderr, /^forge-release: quality gates failed: required-checks \(422 gate_failed\)$/m);
    assert.match(refused.stderr, /^ {2}✗ required-checks: .*smoke-tests/m);
    assert.equal(refused.stderr.split('\n').filter((line) => line.startsWith('forge-release:')).length, 1);

    const badStatus = await cli(['check', 'report', 'v1.0.0', 'smoke-tests', 'passed']);
    assert.equal(badStatus.code, 2, shown(badStatus));

    const check = await cli(['check', 'report', 'v1.0.0', 'smoke-tests', 'success', '--summary', '40 of 40 claims routed', '--url', 'https://ci.example.com/runs/1']);
    assert.equal(check.code, 0, shown(check));
    assert.equal(check.stdout, 'reported smoke-tests success for v1.0.0\n');
  });

  it('promote --wait holds until two reviewers approve, refusing self-approval, then succeeds', async () => {
    const promotion = cli(['promote', '--env', 'production', '--wait']);
    const waiting = await until(async () => {
      const list = await runCli(['approvals', 'list', '--json'], fixture.work, reviewers[0]);
      return JSON.parse(list.stdout).items.find((item: { environment: string }) => item.environment === 'production') as { releaseId: string } | undefined;
    });

    const self = await cli(['approve', waiting.releaseId]);
    assert.equal(self.code, 1, shown(self));
    assert.match(self.stderr, /\(403 self_approval\)$/m);

    const first = await runCli(['approve', waiting.releaseId, '--comment', 'smoke tests look good'], fixture.work, reviewers[0]);
    assert.equal(first.code, 0, shown(first));
    assert.match(first.stdout, /1 of 2 approvals, waiting$/m);
    const again = await runCli(['approve', waiting.releaseId], fixture.work, reviewers[0]);
    assert.equal(again.code, 1, shown(again));
    assert.match(again.stderr, /409 already_decided/);
    const second = await runCli(['approve', waiting.releaseId, '--json'], fixture.work, reviewers[1]);
    assert.equal(second.code, 0, shown(second));
    assert.equal(JSON.parse(second.stdout).state, 'approved');

    const run = await promotion;
    assert.equal(run.code, 0, shown(run));
    assert.match(run.stdout, /waiting for reviewers: forge-release approve /);
    assert.match(run.stdout, /^production ← v1\.0\.0: pending, approval waiting 0 of 2$/m);
    assert.match(run.stdout, /^production ← v1\.0\.0: succeeded, approval approved 2 of 2$/m);
    const envs = await cli(['env', 'list', '--json']);
    assert.deepEqual(
      JSON.parse(envs.stdout).map((e: { name: string; activeVersion: string }) => [e.name, e.activeVersion]),
      [
        ['development', 'v1.0.0'],
        ['staging', 'v1.0.0'],
        ['production', 'v1.0.0'],
      ],
    );
  });

  it('a rejected production release makes promote --wait exit 1', async () => {
    const intake = readFileSync(join(fixture.work, intakePath), 'utf8');
    await commitFiles(fixture.git, 'Tune the intake wording (#2)', { [intakePath]: intake.replace('Classify every incoming', 'Classify each incoming') });
    const created = await cli(['version', 'create', '--push']);
    assert.equal(created.code, 0, shown(created));
    assert.match(created.stdout, /^registered v1\.0\.1 \(valid, 7 artifacts, inferred bump patch; change set with PRs #2\)$/m);
    const early = await cli(['deploy', 'v1.0.1', '--env', 'production', '--dry-run']);
    assert.equal(early.code, 1, shown(early));
    assert.match(early.stdout, /^ {2}✗ promotion-order: /m);
    assert.match(early.stdout, /^plan: added —; changed workflow\/claims-intake; removed —$/m);
    assert.match(early.stdout, /^would be refused$/m);
    assert.match(early.stderr, /^forge-release: dry run: the gates would refuse this release$/m);
    for (const step of [
      ['deploy', 'v1.0.1', '--env', 'development', '--wait'],
      ['promote', '--env', 'staging', '--wait'],
      ['check', 'report', 'v1.0.1', 'smoke-tests', 'success'],
    ]) {
      const run = await cli(step);
      assert.equal(run.code, 0, shown(run));
    }
    const promotion = cli(['promote', '--env', 'production', '--wait']);
    const waiting = await until(async () => {
      const list = await runCli(['approvals', 'list', '--json'], fixture.work, reviewers[1]);
      return JSON.parse(list.stdout).items.find((item: { version: string }) => item.version === 'v1.0.1') as { releaseId: string } | undefined;
    });
    const rejected = await runCli(['reject', waiting.releaseId, '--comment', 'wording needs legal review'], fixture.work, reviewers[1]);
    assert.equal(rejected.code, 0, shown(rejected));
    const run = await promotion;
    assert.equal(run.code, 1, shown(run));
    assert.match(run.stdout, /^production ← v1\.0\.1: failed, approval rejected/m);
    assert.match(run.stderr, /^forge-release: release \S+ failed: /m);
  });

  it('rolls development back to v1.0.0 with a reason', async () => {
    const run = await cli(['rollback', '--env', 'development', '--reason', 'intake error rate up', '--wait']);
    assert.equal(run.code, 0, shown(run));
    assert.match(run.stdout, /^release \S+ rollback v1\.0\.0 → development: /m);
    assert.match(run.stdout, /^development ← v1\.0\.0: succeeded$/m);
    const missingReason = await cli(['rollback', '--env', 'development']);
    assert.equal(missingReason.code, 2, shown(missingReason));
    assert.match(missingReason.stderr, /required option '--reason <text>' not specified/);
  });

  it('changeset create groups the chosen pull requests merged between two refs', async () => {
    const created = await cli(['changeset', 'create', 'intake wording', '--from', 'v1.0.0', '--to', 'v1.0.1', '--pr', '2', '--json']);
    assert.equal(created.code, 0, shown(created));
    const changeSet = JSON.parse(created.stdout);
    assert.equal(changeSet.name, 'intake wording');
    assert.deepEqual(
      changeSet.pullRequests.map((pr: { number: number }) => pr.number),
      [2],
    );
    assert.deepEqual(changeSet.artifacts, [intakePath]);
    const unknown = await cli(['changeset', 'create', 'nothing', '--from', 'v1.0.0', '--to', 'v1.0.1', '--pr', '7']);
    assert.equal(unknown.code, 2, shown(unknown));
    assert.equal(unknown.stderr, 'forge-release: --pr: no pull request #7 was merged between v1.0.0 and v1.0.1\n');
    const badRef = await cli(['changeset', 'create', 'nothing', '--from', 'v9.9.9']);
    assert.equal(badRef.code, 2, shown(badRef));
    assert.equal(badRef.stderr, 'forge-release: --from: "v9.9.9" does not name a commit in this repository\n');
  });

  it('a tag whose push fails is left for sync, which registers it once', async () => {
    await commitFiles(fixture.git, 'Docs (#3)', { 'docs/readme.md': 'claims\n' });
    const unpushed = await cli(['version', 'create', '--push', '--remote', 'nowhere']);
    assert.equal(unpushed.code, 1, shown(unpushed));
    assert.match(unpushed.stdout, /^tagged v1\.0\.2 at [0-9a-f]{12} \(none inferred from 0 changes against v1\.0\.1\)$/m);
    assert.match(unpushed.stderr, /^forge-release: v1\.0\.2 is tagged; push it with git push nowhere v1\.0\.2, then run forge-release sync to register it$/m);
    assert.match(unpushed.stderr, /^forge-release: .*nowhere/m);
    const first = await cli(['sync', '--json']);
    assert.equal(first.code, 0, shown(first));
    const outcome = JSON.parse(first.stdout);
    assert.deepEqual(
      outcome.registered.map((r: { tag: string; pullRequests: number[] }) => [r.tag, r.pullRequests]),
      [['v1.0.2', [3]]],
    );
    assert.equal(outcome.alreadyRegistered, 2);
    const second = await cli(['sync']);
    assert.equal(second.code, 0, shown(second));
    assert.equal(second.stdout, '0 tags registered, 3 already known\n');
    const versions = await cli(['version', 'list']);
    assert.match(versions.stdout, /^TAG +VALID +DECLARED +INFERRED/);
    assert.match(versions.stdout, /^v1\.0\.2 +yes +patch +none /m);
  });

  it('writes the audit trail as CSV, the change-log report as Markdown and the deployment report as plain CSV to files', async () => {
    const csvFile = join(outDir, 'audit.csv');
    const audit = await cli(['audit', '--format', 'csv', '--limit', '1000', '--out', csvFile]);
    assert.equal(audit.code, 0, shown(audit));
    assert.equal(audit.stdout, '');
    assert.match(audit.stderr, /^wrote .*audit\.csv$/m);
    const rows: Record<string, string>[] = parse(readFileSync(csvFile, 'utf8'), { columns: true });
    assert.deepEqual(Object.keys(rows[0]!), ['id', 'seq', 'at', 'actor', 'action', 'environment', 'version', 'releaseId', 'outcome', 'details', 'prevHash', 'hash']);
    const actions = rows.map((row) => `${row.action} ${row.environment} ${row.version} ${row.outcome}`);
    assert.ok(actions.includes('version.created  v1.0.0 valid'), actions.join('\n'));
    assert.ok(actions.includes('check.reported  v1.0.0 success'));
    assert.ok(actions.some((line) => line.startsWith('approval.granted production v1.0.0 approved')));
    assert.ok(actions.some((line) => line.startsWith('approval.denied production v1.0.1 rejected')));
    assert.ok(
      actions.some((line) => /^deployment\.\w+ production v1\.0\.0 succeeded/.test(line)),
      actions.join('\n'),
    );

    const reportFile = join(outDir, 'changelog.md');
    const report = await cli(['report', 'changelog', '--format', 'md', '--out', reportFile]);
    assert.equal(report.code, 0, shown(report));
    const markdown = readFileSync(reportFile, 'utf8');
    assert.match(markdown, /Change log/);
    assert.match(markdown, /\| v1\.0\.0 \|.*#1 Reword intake/);
    assert.match(markdown, /\| v1\.0\.1 \|.*#2 Tune the intake wording/);

    const deploymentsFile = join(outDir, 'deployments.csv');
    const deployments = await cli(['report', 'deployments', '--environment', 'production', '--format', 'csv', '--out', deploymentsFile]);
    assert.equal(deployments.code, 0, shown(deployments));
    // A plain RFC 4180 table: no comment lines, every record as wide as the header.
    const table: Record<string, string>[] = parse(readFileSync(deploymentsFile, 'utf8'), { columns: true });
    assert.ok(table.length > 0 && table.every((row) => row.environment === 'production'), JSON.stringify(table));
  });

  it('exit 3 when the service is unreachable or refuses the token; exit 2 for usage errors', async () => {
    const closedPort = await freePort();
    const unreachable = await cli(['env', 'list'], { FORGE_URL: `http://127.0.0.1:${closedPort}`, FORGE_TOKEN: 'x'.repeat(20) });
    assert.equal(unreachable.code, 3, shown(unreachable));
    assert.equal(unreachable.stderr, `forge-release: cannot reach http://127.0.0.1:${closedPort}: ECONNREFUSED\n`);
    const badToken = await cli(['env', 'list'], { FORGE_URL: service.url, FORGE_TOKEN: 'not-a-real-token-at-all' });
    assert.equal(badToken.code, 3, shown(badToken));
    assert.match(badToken.stderr, /\(check --token or FORGE_TOKEN\)/);
    const noToken = await cli(['version', 'list'], { FORGE_URL: service.url, FORGE_TOKEN: '' });
    assert.equal(noToken.code, 3, shown(noToken));
    const noEnv = await cli(['deploy', 'v1.0.0']);
    assert.equal(noEnv.code, 2, shown(noEnv));
    const badLimit = await cli(['audit', '--limit', 'lots']);
    assert.equal(badLimit.code, 2, shown(badLimit));
    for (const run of [unreachable, badToken, noToken]) assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  });
});
