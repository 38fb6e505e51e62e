import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cloneOrigin, commitFiles, createRepositoryFixture, mergePullRequest, type RepositoryFixture } from '../git/gitRepositoryFixture';
import { exampleRepository, runCli, shown, startCliService, type CliService } from './runCli';

const claimsFolder = 'platform/claims';
const intakePath = `${claimsFolder}/workflows/claims-intake.json`;

/**
 * `version create` and `sync` on a monorepo whose workflow repository is the sub-folder platform/claims (the
 * example repository with its forge.json), beside other code, against a real service.
 */
describe('forge-release version create and sync on a workflow repository inside a bigger git repository', function () {
  this.timeout(120_000);

  let fixture: RepositoryFixture;
  let running: CliService;
  let admin: NodeJS.ProcessEnv;
  const tags = async () => (await fixture.git.raw(['tag', '--list'])).split('\n').filter(Boolean);

  before(async () => {
    fixture = await createRepositoryFixture();
    mkdirSync(join(fixture.work, claimsFolder), { recursive: true });
    cpSync(exampleRepository, join(fixture.work, claimsFolder), { recursive: true });
    await commitFiles(fixture.git, 'Monorepo', { 'README.md': '# platform\n', 'services/billing/main.py': 'print("billing")\n' });
    await fixture.git.raw(['push', '--quiet', 'origin', 'main']);
    running = await startCliService();
    admin = running.admin;
  });

  after(async () => {
    await running?.stop();
    await fixture?.remove();
  });

  it('refuses a version with no artifact files, tagging nothing, and says where they might be', async () => {
    const run = await runCli(['version', 'create'], fixture.work, admin);
    assert.equal(run.code, 1, shown(run));
    assert.equal(
      run.stderr,
      'forge-release: HEAD has no artifact files in . (looked for workflows/*.json, agents/*.json, processors/*.json): a version needs at least one; if the workflows live in a sub-folder with its own forge.json, run this there or pass --repo <folder>\n',
    );
    assert.deepEqual(await tags(), []);
    assert.deepEqual(JSON.parse((await runCli(['version', 'list', '--json'], fixture.work, admin)).stdout).items, []);
  });

  it('works from anywhere in the folder holding forge.json: artifact paths relative to it, the git repository tagged', async () => {
    const run = await runCli(['version', 'create', '--push', '--json'], join(fixture.work, claimsFolder, 'workflows'), admin);
    assert.equal(run.code, 0, shown(run));
    const version = JSON.parse(run.stdout);
    assert.equal(version.tag, 'v1.0.0');
    assert.equal(version.valid, true);
    assert.deepEqual(
      version.artifacts.map((artifact: { path: string }) => artifact.path),
      [
        'agents/claims-correspondent.json',
        'agents/fraud-analyst.json',
        'processors/claim-form-classifier.json',
        'processors/claim-form-extractor.json',
        'workflows/claims-correspondence.json',
        'workflows/claims-fraud-review.json',
        'workflows/claims-intake.json',
      ],
    );
    assert.deepEqual(await tags(), ['v1.0.0']);
    assert.match(await fixture.git.raw(['ls-remote', '--tags', 'origin']), /refs\/tags\/v1\.0\.0/);
    // --repo names the folder from outside it just the same.
    const listed = await runCli(['version', 'list', '--json'], fixture.work, admin);
    assert.equal(JSON.parse(listed.stdout).items[0].commit, (await fixture.git.revparse(['HEAD'])).trim());
  });

  it('the default change set holds only the pull requests that touched the folder, its artifacts relative to it', async () => {
    await fixture.git.raw(['checkout', '--quiet', '-b', 'intake-wording']);
    const intake = readFileSync(join(fixture.work, intakePath), 'utf8');
    await commitFiles(fixture.git, 'Reword the intake', { [intakePath]: intake.replace('Classify incoming', 'Classify every incoming') });
    await fixture.git.raw(['checkout', '--quiet', 'main']);
    await mergePullRequest(fixture.git, 'intake-wording', 'Merge pull request #7 from acme/intake-wording', 'Reword the intake', {
      name: 'Mona',
      email: 'mona@example.com',
    });
    await commitFiles(fixture.git, 'Billing rounding (#8)', { 'services/billing/main.py': 'print("billing, rounded")\n' });
    const run = await runCli(['version', 'create', '--repo', claimsFolder, '--json'], fixture.work, admin);
    assert.equal(run.code, 0, shown(run));
    const version = JSON.parse(run.stdout);
    assert.equal(version.tag, 'v1.0.1');
    const [changeSetId] = version.changeSets;
    const changeSets = JSON.parse((await runCli(['changeset', 'list', '--json'], fixture.work, admin)).stdout).items;
    const changeSet = changeSets.find((item: { id: string }) => item.id === changeSetId);
    assert.deepEqual(
      changeSet.pullRequests.map((pr: { number: number }) => pr.number),
      [7],
    );
    assert.deepEqual(changeSet.artifacts, ['workflows/claims-intake.json']);
  });

  it('asks the service whether the next tag is free before it tags or pushes', async () => {
    // A second clone registers v1.0.2 and pushes its tag; this clone has not fetched it.
    const other = await cloneOrigin(fixture, 'other-clone');
    await fixture.git.raw(['push', '--quiet', 'origin', 'main', 'v1.0.1']);
    await other.raw(['pull', '--quiet', '--tags', 'origin', 'main']);
    const otherClaims = join(fixture.root, 'other-clone', claimsFolder);
    const intake = readFileSync(join(otherClaims, 'workflows/claims-intake.json'), 'utf8');
    await commitFiles(other, 'Tune the intake (#9)', { [intakePath]: intake.replace('Classify every incoming', 'Classify each incoming') });
    const elsewhere = await runCli(['version', 'create', '--push'], otherClaims, admin);
    assert.equal(elsewhere.code, 0, shown(elsewhere));

    await commitFiles(fixture.git, 'Docs for the claims team (#10)', {
      [`${claimsFolder}/agents/fraud-analyst.json`]: readFileSync(join(fixture.work, claimsFolder, 'agents/fraud-analyst.json'), 'utf8').replace(/\n$/, '\n\n'),
    });
    const before = (await fixture.git.raw(['ls-remote', '--tags', 'origin'])).trim();
    const run = await runCli(['version', 'create', '--push'], join(fixture.work, claimsFolder), admin);
    assert.equal(run.code, 1, shown(run));
    assert.match(
      run.stderr,
      /^forge-release: v1\.0\.2 is already registered with the service \(commit [0-9a-f]{12}, by admin\) but this clone has no such tag: fetch the tags \(git fetch --tags\) and try again\n$/,
    );
    assert.deepEqual(await tags(), ['v1.0.0', 'v1.0.1']);
    assert.equal((await fixture.git.raw(['ls-remote', '--tags', 'origin'])).trim(), before, 'nothing was pushed');
  });

  it('sync reports a tag moved since its version was registered instead of counting it as known (exit 1)', async () => {
    const registered = (await fixture.git.revparse(['v1.0.1^{commit}'])).trim();
    const head = (await fixture.git.revparse(['HEAD'])).trim();
    await fixture.git.raw(['tag', '--force', '--annotate', '--message=Moved', 'v1.0.1', head]);
    const run = await runCli(['sync'], join(fixture.work, claimsFolder), admin);
    assert.equal(run.code, 1, shown(run));
    assert.equal(
      run.stdout,
      `conflict v1.0.1: the tag points to ${head.slice(0, 12)}, its registered version to ${registered.slice(0, 12)}\n0 tags registered, 1 already known, 1 conflict\n`,
    );
    assert.equal(run.stderr, 'forge-release: 1 tag moved since its version was registered: v1.0.1; a version is immutable, so tag the new commit as a new version\n');
    const asJson = await runCli(['sync', '--json'], join(fixture.work, claimsFolder), admin);
    assert.equal(asJson.code, 1);
    assert.deepEqual(JSON.parse(asJson.stdout), { registered: [], alreadyRegistered: 1, conflicts: [{ tag: 'v1.0.1', commit: head, registeredCommit: registered }] });
  });
});
