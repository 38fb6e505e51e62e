import assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditActions } from '../../core/api/audit';
import { commitFiles, createRepositoryFixture, type RepositoryFixture } from '../git/gitRepositoryFixture';
import type { ServiceProcess } from '../service/support/serviceProcess';
import { exampleRepository, runCli, shown, startCliService, until, type CliRun, type CliService } from './runCli';

const intakePath = 'workflows/claims-intake.json';

/** A refusal of the command line: exactly one `forge-release:` line on stderr, nothing on stdout, this exit code. */
function assertRefused(run: CliRun, code: number, line: string): void {
  assert.equal(run.code, code, shown(run));
  assert.equal(run.stderr, `forge-release: ${line}\n`, shown(run));
  assert.equal(run.stdout, '');
}

describe('forge-release commands against a real service: CLI terms, --json, users, releases, versions', function () {
  this.timeout(120_000);

  let fixture: RepositoryFixture;
  let running: CliService;
  let service: ServiceProcess;
  let admin: NodeJS.ProcessEnv;
  const cli = (args: readonly string[], env: NodeJS.ProcessEnv = admin) => runCli(args, fixture.work, env);
  const json = async (args: readonly string[], env: NodeJS.ProcessEnv = admin) => {
    const run = await cli([...args, '--json'], env);
    assert.equal(run.code, 0, shown(run));
    return JSON.parse(run.stdout);
  };

  before(async () => {
    fixture = await createRepositoryFixture();
    cpSync(exampleRepository, fixture.work, { recursive: true });
    await commitFiles(fixture.git, 'Import the claims workflows', {});
    running = await startCliService();
    ({ service, admin } = running);
    const created = await cli(['version', 'create']);
    assert.equal(created.code, 0, shown(created));
    const deployed = await cli(['deploy', 'v1.0.0', '--env', 'development', '--wait']);
    assert.equal(deployed.code, 0, shown(deployed));
  });

  after(async () => {
    await running?.stop();
    await fixture?.remove();
  });

  describe('a value the service refuses as malformed names the flag or argument typed, in CLI words, exit 2', () => {
    const cases: Array<[string, string[], string]> = [
      ['a time that is not a date', ['audit', '--start', 'yesterday'], '--start must be a date (2024-03-01) or a date-time (2024-03-01T12:00:00Z)'],
      ['a start after the end', ['audit', '--start', '2024-03-02', '--end', '2024-03-01'], '--end: start must not be after end'],
      ['a limit over the maximum', ['audit', '--limit', '5000'], '--limit must be at most 1000'],
      ['a list limit over the maximum', ['version', 'list', '--limit', '501'], '--limit must be at most 500'],
      ['a cursor no page gave', ['audit', '--cursor', 'abc'], '--cursor must be a cursor returned by a previous page'],
      [
        'an environment name that cannot be one',
        ['deploy', 'v1.0.0', '--env', 'Prod'],
        '--env must be an environment name: lower-case letters, digits and dashes, starting with a letter',
      ],
      [
        'an environment filter that cannot be one',
        ['approvals', 'list', '--env', 'Prod'],
        '--env must be an environment name: lower-case letters, digits and dashes, starting with a letter',
      ],
      [
        'a promotion source that cannot be one',
        ['promote', '--env', 'staging', '--from', 'Dev'],
        '--from must be an environment name: lower-case letters, digits and dashes, starting with a letter',
      ],
      ['an empty version argument', ['deploy', '', '--env', 'development'], '<version> must not be empty'],
      [
        'a user name with a space',
        ['user', 'create', 'ada lovelace', '--role', 'developer'],
        '<name> must be a user name of letters, digits and ._@- (e.g. ada or ada@example.com)',
      ],
      ['a variable key with a space', ['env', 'set', 'development', 'API KEY', 'x'], '<key> must be a variable name of letters, digits and _ (e.g. OPENAI_API_KEY)'],
      ['a results link that is no URL', ['check', 'report', 'v1.0.0', 'smoke-tests', 'success', '--url', 'not-a-url'], '--url must be a URL'],
      ['a rollback reason over the maximum', ['rollback', '--env', 'development', '--reason', 'x'.repeat(1001)], '--reason must be at most 1000 characters long'],
    ];
    for (const [what, args, line] of cases) {
      it(what, async () => assertRefused(await cli(args), 2, line));
    }
  });

  describe('a name the service does not know names the flag that gave it and the nearest known names, exit 1', () => {
    const cases: Array<[string, string[], string]> = [
      ['a version without its patch number', ['deploy', 'v1.0', '--env', 'development'], '<version>: version "v1.0" not found; did you mean v1.0.0? (404 not_found)'],
      ['a misspelt environment', ['deploy', 'v1.0.0', '--env', 'stagign'], '--env: environment "stagign" not found; did you mean staging? (404 not_found)'],
      [
        'an environment far from any',
        ['deploy', 'v1.0.0', '--env', 'prod'],
        '--env: environment "prod" not found; known: development, staging, production (404 not_found)',
      ],
      [
        'a misspelt promotion source',
        ['promote', '--env', 'staging', '--from', 'developmnt'],
        '--from: environment "developmnt" not found; did you mean development? (404 not_found)',
      ],
      ['a misspelt environment argument', ['env', 'show', 'productoin'], '<name>: environment "productoin" not found; did you mean production? (404 not_found)'],
      [
        'a check for a version that is not registered',
        ['check', 'report', '1.0.0', 'smoke-tests', 'success'],
        '<version>: version "1.0.0" not found; did you mean v1.0.0? (404 not_found)',
      ],
      ['a release that does not exist', ['release', 'show', 'no-such-release'], '<id>: release "no-such-release" not found (404 not_found)'],
    ];
    for (const [what, args, line] of cases) {
      it(what, async () => assertRefused(await cli(args), 1, line));
    }
  });

  describe('audit filters refuse unknown action families and environments with the known ones, exit 2', () => {
    // The families are the contract's, so a new family joins the expected line without editing this test.
    const families = [...new Set(auditActions.map((action) => action.split('.')[0]))].sort().join(', ');
    it('a misspelt action family, with the nearest', async () => {
      assertRefused(await cli(['audit', '--action', 'deploymnt']), 2, `--action: unknown audit action "deploymnt"; did you mean deployment? (known: ${families})`);
    });

    it('a misspelt action, with the nearest', async () => {
      assertRefused(
        await cli(['audit', '--action', 'deployment.complete']),
        2,
        `--action: unknown audit action "deployment.complete"; did you mean deployment.completed? (known: ${families})`,
      );
    });

    it('an action family far from any', async () => {
      assertRefused(await cli(['audit', '--action', 'login']), 2, `--action: unknown audit action "login"; known: ${families}`);
    });

    it('an unknown environment, in the audit and in a report', async () => {
      const line = '--environment: unknown environment "prod"; known: development, staging, production';
      assertRefused(await cli(['audit', '--environment', 'prod']), 2, line);
      assertRefused(await cli(['report', 'deployments', '--environment', 'prod']), 2, line);
      assertRefused(
        await cli(['audit', '--environment', 'stagin']),
        2,
        '--environment: unknown environment "stagin"; did you mean staging? (known: development, staging, production)',
      );
    });

    it('known filters still select their events', async () => {
      const page = await json(['audit', '--action', 'deployment', '--environment', 'development']);
      assert.deepEqual(
        page.items.map((event: { action: string }) => event.action),
        ['deployment.started', 'deployment.completed'],
      );
      const exact = await json(['audit', '--action', 'version.created']);
      assert.deepEqual(
        exact.items.map((event: { version: string }) => event.version),
        ['v1.0.0'],
      );
    });
  });

  describe('users', () => {
    let rita: NodeJS.ProcessEnv;

    it('user list shows every user with its role, as a table and as the API page', async () => {
      for (const [name, role] of [
        ['rita', 'maintainer'],
        ['raj', 'maintainer'],
        ['dev', 'developer'],
      ]) {
        const created = await cli(['user', 'create', name!, '--role', role!]);
        assert.equal(created.code, 0, shown(created));
      }
      const table = await cli(['user', 'list']);
      assert.equal(table.code, 0, shown(table));
      assert.match(table.stdout, /^NAME +ROLE +ID +CREATED AT +STATE\n/);
      assert.match(table.stdout, /^rita +maintainer +[0-9a-f-]{36} +\S+ +active$/m);
      const page = await json(['user', 'list']);
      assert.deepEqual(page.items.map((user: { name: string; role: string }) => [user.name, user.role]).sort(), [
        ['admin', 'admin'],
        ['dev', 'developer'],
        ['raj', 'maintainer'],
        ['rita', 'maintainer'],
      ]);
      assert.equal(page.nextCursor, null);
      const first = await json(['user', 'list', '--limit', '1']);
      assert.equal(first.items.length, 1);
      const more = await cli(['user', 'list', '--limit', '1']);
      assert.match(more.stdout, new RegExp(`^more: --cursor ${first.nextCursor}$`, 'm'));
    });

    it('user token takes a name or an id, prints the token once and alone, and the token works', async () => {
      const byName = await cli(['user', 'token', 'rita', '--name', 'laptop']);
      assert.equal(byName.code, 0, shown(byName));
      assert.match(byName.stdout, /^\S{16,}\n$/);
      assert.match(byName.stderr, /^token \S+ "laptop" for user \S+ \(shown only this once\):\n$/);
      rita = { FORGE_URL: service.url, FORGE_TOKEN: byName.stdout.trim() };
      const ritaId = (await json(['user', 'list'])).items.find((user: { name: string }) => user.name === 'rita').id;
      const byId = await json(['user', 'token', ritaId, '--name', 'ci']);
      assert.deepEqual([byId.userId, byId.name], [ritaId, 'ci']);
      assert.equal((await cli(['env', 'list'], rita)).code, 0);
      // A user needs no admin to name themselves.
      const own = await json(['user', 'token', 'rita', '--name', 'second-laptop'], rita);
      assert.equal(own.userId, ritaId);
    });

    it("user token refuses an unknown user with the nearest name, and someone else's tokens to a non-admin", async () => {
      assertRefused(await cli(['user', 'token', 'ritta']), 1, '<user>: user "ritta" not found; did you mean rita? (404 not_found)');
      const others = await cli(['user', 'token', 'admin'], rita);
      assert.equal(others.code, 1, shown(others));
      assert.match(others.stderr, /^forge-release: .* \(403 \w+\)\n$/);
    });

    it("user disable refuses the user's tokens until user enable; both print the user, --json the API resource", async () => {
      const disabled = await cli(['user', 'disable', 'rita']);
      assert.equal(disabled.code, 0, shown(disabled));
      assert.equal(disabled.stdout, 'disabled user rita (maintainer)\n');
      const refused = await cli(['env', 'list'], rita);
      // Exit 3: the documented code of a refused token.
      assert.equal(refused.code, 3, shown(refused));
      assert.equal(refused.stderr, 'forge-release: the bearer token is unknown, revoked, or its user is disabled (check --token or FORGE_TOKEN)\n');
      const enabled = await json(['user', 'enable', 'rita']);
      assert.deepEqual([enabled.name, enabled.disabled], ['rita', false]);
      assert.equal((await cli(['env', 'list'], rita)).code, 0);
      assertRefused(await cli(['user', 'disable', 'ritta']), 1, '<user>: user "ritta" not found; did you mean rita? (404 not_found)');
    });
  });

  describe('releases', () => {
    it('release show tells status, requester, gates and decisions; --json is the API resource', async () => {
      const release = await json(['deploy', 'v1.0.0', '--env', 'staging', '--wait']);
      const run = await cli(['release', 'show', release.id]);
      assert.equal(run.code, 0, shown(run));
      assert.match(run.stdout, new RegExp(`^release ${release.id} deploy v1\\.0\\.0 → staging: succeeded\\n`));
      assert.match(run.stdout, /^ {2}requested by admin at \S+, started \S+, finished \S+$/m);
      assert.match(run.stdout, /^ {2}✓ promotion-order: /m);
      assert.deepEqual(await json(['release', 'show', release.id]), release);
    });

    it('release wait follows a release to its end: exit 0 when it succeeds, 1 when reviewers reject it', async () => {
      const started = await json(['deploy', 'v1.0.0', '--env', 'development']);
      const waited = await cli(['release', 'wait', started.id]);
      assert.equal(waited.code, 0, shown(waited));
      assert.match(waited.stdout, /^development ← v1\.0\.0: succeeded$/m);

      const check = await cli(['check', 'report', 'v1.0.0', 'smoke-tests', 'success']);
      assert.equal(check.code, 0, shown(check));
      const pending = await json(['promote', '--env', 'production']);
      assert.equal(pending.approval, 'waiting');
      const waiting = cli(['release', 'wait', pending.id, '--json']);
      const ritaToken = await cli(['user', 'token', 'rita', '--name', 'review']);
      const rita = { FORGE_URL: service.url, FORGE_TOKEN: ritaToken.stdout.trim() };
      // The waiting process has shown the release before the decision comes.
      await until(async () => ((await cli(['release', 'show', pending.id, '--json'])).stdout.includes('"waiting"') ? true : undefined));
      const rejected = await cli(['reject', pending.id, '--comment', 'not today'], rita);
      assert.equal(rejected.code, 0, shown(rejected));
      const run = await waiting;
      assert.equal(run.code, 1, shown(run));
      assert.equal(JSON.parse(run.stdout).status, 'failed');
      assert.match(run.stderr, /^production ← v1\.0\.0: failed, approval rejected/m);
      assert.match(run.stderr, new RegExp(`^forge-release: release ${pending.id} failed: `, 'm'));
      const shownRelease = await cli(['release', 'show', pending.id]);
      assert.equal(shownRelease.code, 0, 'showing a failed release is not a failure');
      assert.match(shownRelease.stdout, /^ {2}rejected by rita at \S+: not today$/m);

      // The overview does not read a rejection as a failed deploy: nothing was deployed.
      const overview = await cli(['env', 'list']);
      assert.match(overview.stdout, /^production +production +— +promote v1\.0\.0 rejected +0 +admin *$/m, shown(overview));
      assert.doesNotMatch(overview.stdout, /failed/);
      assert.match((await cli(['env', 'show', 'production'])).stdout, /^ {2}last release: {2}promote v1\.0\.0 rejected$/m);
    });
  });

  describe('versions', () => {
    it('version list says which bump counts: the first version has nothing to compare, later ones pass or are refused', async () => {
      const intake = readFileSync(join(fixture.work, intakePath), 'utf8');
      await commitFiles(fixture.git, 'Reword the intake (#1)', { [intakePath]: intake.replace('Classify incoming', 'Classify every incoming') });
      assert.equal((await cli(['version', 'create'])).code, 0);
      const workflow = JSON.parse(readFileSync(join(fixture.work, intakePath), 'utf8'));
      await commitFiles(fixture.git, 'A second intake (#2)', {
        'workflows/claims-intake-copy.json': JSON.stringify({ ...workflow, name: 'claims-intake-copy' }, null, 2),
      });
      const underBumped = await cli(['version', 'create', '--bump', 'patch']);
      assert.equal(underBumped.code, 0, shown(underBumped));
      assert.match(underBumped.stderr, /warning: the changes call for a minor bump, v1\.0\.2 declares patch/);
      const run = await cli(['version', 'list']);
      assert.equal(run.code, 0, shown(run));
      assert.match(run.stdout, /^TAG +VALID +DECLARED +INFERRED +SEMVER POLICY +ARTIFACTS/);
      assert.match(run.stdout, /^v1\.0\.2 +yes +patch +minor +refused: needs minor over v1\.0\.1 +8 /m);
      assert.match(run.stdout, /^v1\.0\.1 +yes +patch +patch +passes over v1\.0\.0 +7 /m);
      assert.match(run.stdout, /^v1\.0\.0 +yes +— +— +first version: nothing to compare +7 /m);
      const help = await cli(['version', 'list', '--help']);
      assert.match(help.stdout, /DECLARED is the bump the tag makes over its predecessor, and it is the one that counts/);
    });
  });

  describe('dry runs of promote and rollback', () => {
    const releaseCount = async () => (await json(['audit', '--action', 'release', '--limit', '1000'])).items.length;

    it('--dry-run prints each verdict and the plan, starts nothing, and exits 0 when the gates would pass', async () => {
      assert.equal((await cli(['deploy', 'v1.0.1', '--env', 'development', '--wait'])).code, 0);
      const before = await releaseCount();
      const rollback = await cli(['rollback', '--env', 'development', '--reason', 'check first', '--dry-run']);
      assert.equal(rollback.code, 0, shown(rollback));
      assert.equal(rollback.stdout, 'plan: added —; changed workflow/claims-intake; removed —\nwould pass\n');
      const promote = await cli(['promote', '--env', 'staging', '--dry-run']);
      assert.equal(promote.code, 0, shown(promote));
      assert.match(
        promote.stdout,
        /^ {2}✓ validation: all 7 artifacts validate\n {2}✓ promotion-order: v1\.0\.1 succeeded in development\nplan: added —; changed workflow\/claims-intake; removed —\nwould pass\n$/,
      );
      const production = await json(['promote', '--env', 'production', '--dry-run']);
      assert.deepEqual([production.wouldPass, production.needsApproval], [true, true]);
      assert.equal(await releaseCount(), before, 'no release was requested');
      assert.equal((await json(['env', 'show', 'development'])).activeVersion, 'v1.0.1');
      assert.equal((await json(['env', 'show', 'staging'])).activeVersion, 'v1.0.0');
    });

    it('--dry-run exits 1 when a gate would refuse, with the verdicts on stdout', async () => {
      const refused = await cli(['promote', '--env', 'production', '--from', 'development', '--dry-run']);
      assert.equal(refused.code, 1, shown(refused));
      assert.match(refused.stdout, /^ {2}✗ promotion-order: /m);
      assert.match(refused.stdout, /would be refused\n$/);
      assert.equal(refused.stderr, 'forge-release: dry run: the gates would refuse this release\n');
    });
  });
});
