import assert from 'node:assert/strict';
import { UnknownRefError } from '../../git/gitErrors';
import { mergedPullRequests, type MergedPullRequest } from '../../git/mergedPullRequests';
import { artifactText, commitFiles, createRepositoryFixture, mergePullRequest, type Person, type RepositoryFixture } from './gitRepositoryFixture';

const alice: Person = { name: 'Alice Author', email: 'alice@example.com' };
const bob: Person = { name: 'Bob Builder', email: 'bob@example.com' };
const carol: Person = { name: 'Carol Coder', email: 'carol@example.com' };
const dave: Person = { name: 'Dave Dev', email: 'dave@example.com' };
const mona: Person = { name: 'Mona Maintainer', email: 'mona@example.com' };

describe('git merged pull requests', () => {
  let fixture: RepositoryFixture;
  const sha: Record<string, string> = {};

  before(async () => {
    fixture = await createRepositoryFixture();
    const { git } = fixture;
    await commitFiles(
      git,
      'Initial import',
      {
        'workflows/intake.json': artifactText('workflow', 'intake', 1),
        'agents/triage.json': artifactText('agent', 'triage', 1),
        'README.md': '# claims\n',
      },
      bob,
    );
    await git.raw(['tag', '--annotate', '--message=First release', 'v1.0.0']);

    // PR #12: a branch of two commits by Alice, merged by Mona with a true merge commit.
    await git.raw(['checkout', '--quiet', '-b', 'feature-x']);
    await commitFiles(git, 'Add OCR processor', { 'processors/ocr.json': artifactText('processor', 'ocr', 1) }, alice);
    await commitFiles(git, 'Route intake through OCR', { 'workflows/intake.json': artifactText('workflow', 'intake', 2) }, alice);
    await git.raw(['checkout', '--quiet', 'main']);
    // A plain commit on main meanwhile, so the merge cannot fast-forward and is not a PR itself.
    sha.plain = await commitFiles(git, 'Update README (see #7 for context)', { 'README.md': '# claims v2\n' }, bob);
    sha.pr12 = await mergePullRequest(git, 'feature-x', 'Merge pull request #12 from acme/feature-x', 'Add OCR to intake', mona);

    // PR #13: squash-merged by GitHub, authored by Carol.
    sha.pr13 = await commitFiles(
      git,
      'Add invoice workflow (#13)\n\n* draft invoice\n* review fixes',
      { 'workflows/invoice.json': artifactText('workflow', 'invoice', 1), 'docs/invoice.md': 'Invoices\n' },
      carol,
    );

    // PR #14: its branch contains a commit whose subject looks like a squash PR; it must not count.
    await git.raw(['checkout', '--quiet', '-b', 'hotfix']);
    await commitFiles(git, 'Backport fix (#99)', { 'agents/triage.json': artifactText('agent', 'triage', 2) }, dave);
    await commitFiles(git, 'Tidy docs', { 'docs/triage.md': 'Triage\n' }, dave);
    await git.raw(['checkout', '--quiet', 'main']);
    await commitFiles(git, 'Touch docs on main', { 'docs/index.md': 'Index\n' }, bob);
    sha.pr14 = await mergePullRequest(git, 'hotfix', 'Merge pull request #14 from dave/hotfix', '', mona);

    // A local merge that is not a pull request.
    await git.raw(['checkout', '--quiet', '-b', 'local']);
    await commitFiles(git, 'Local work', { 'notes.md': 'n\n' }, bob);
    await git.raw(['checkout', '--quiet', 'main']);
    await commitFiles(git, 'More on main', { 'docs/more.md': 'm\n' }, bob);
    await mergePullRequest(git, 'local', "Merge branch 'local'", '', bob);
    await git.raw(['tag', '--annotate', '--message=Second release', 'v1.1.0']);

    // PR #15 renames and removes artifacts; PR #16's title itself mentions another PR.
    sha.pr15 = await commitFiles(
      git,
      'Remove triage agent (#15)',
      {
        'agents/triage.json': null,
        'processors/ocr.json': null,
        'processors/ocr-v2.json': artifactText('processor', 'ocr', 1),
      },
      carol,
    );
    sha.pr16 = await commitFiles(git, 'Revert "Add invoice workflow (#13)" (#16)', { 'workflows/invoice.json': null }, alice);
    await git.raw(['tag', 'v2.0.0-beta.1']);
  });

  after(() => fixture.remove());

  const summary = (prs: MergedPullRequest[]) => prs.map((pr) => ({ number: pr.number, title: pr.title, author: pr.author, style: pr.style }));

  it('finds merge and squash PRs between two tags, oldest first, with titles and authors', async () => {
    const prs = await mergedPullRequests(fixture.work, { from: 'v1.0.0', to: 'v1.1.0' });
    assert.deepEqual(summary(prs), [
      { number: 12, title: 'Add OCR to intake', author: alice.name, style: 'merge' },
      { number: 13, title: 'Add invoice workflow', author: carol.name, style: 'squash' },
      // No body: the title falls back to the source branch.
      { number: 14, title: 'dave/hotfix', author: dave.name, style: 'merge' },
    ]);
    assert.deepEqual(
      prs.map((pr) => [pr.mergeCommit, pr.authorEmail]),
      [
        [sha.pr12, alice.email],
        [sha.pr13, carol.email],
        [sha.pr14, dave.email],
      ],
    );
    for (const pr of prs) assert.ok(!Number.isNaN(Date.parse(pr.mergedAt)), `mergedAt of #${pr.number}`);
  });

  it('lists the files each PR touched and which of them are artifacts', async () => {
    const prs = await mergedPullRequests(fixture.work, { from: 'v1.0.0', to: 'v1.1.0' });
    const byNumber = new Map(prs.map((pr) => [pr.number, pr]));
    // The merge diff is against the first parent: the README commit on main is not part of PR #12.
    assert.deepEqual(byNumber.get(12)?.files, ['processors/ocr.json', 'workflows/intake.json']);
    assert.deepEqual(byNumber.get(12)?.artifacts, ['processors/ocr.json', 'workflows/intake.json']);
    assert.deepEqual(byNumber.get(13)?.files, ['docs/invoice.md', 'workflows/invoice.json']);
    assert.deepEqual(byNumber.get(13)?.artifacts, ['workflows/invoice.json']);
    assert.deepEqual(byNumber.get(14)?.files, ['agents/triage.json', 'docs/triage.md']);
    assert.deepEqual(byNumber.get(14)?.artifacts, ['agents/triage.json']);
  });

  it('reports removed and renamed artifacts under both paths', async () => {
    const prs = await mergedPullRequests(fixture.work, { from: 'v1.1.0', to: 'v2.0.0-beta.1' });
    assert.deepEqual(summary(prs), [
      { number: 15, title: 'Remove triage agent', author: carol.name, style: 'squash' },
      { number: 16, title: 'Revert "Add invoice workflow (#13)"', author: alice.name, style: 'squash' },
    ]);
    assert.deepEqual(prs[0]?.artifacts, ['agents/triage.json', 'processors/ocr-v2.json', 'processors/ocr.json']);
    assert.deepEqual(prs[1]?.files, ['workflows/invoice.json']);
    assert.equal(prs[1]?.mergeCommit, sha.pr16);
  });

  it('starts from the first commit when there is no previous tag', async () => {
    assert.deepEqual(await mergedPullRequests(fixture.work, { to: 'v1.0.0' }), []);
    const all = await mergedPullRequests(fixture.work, { from: null, to: 'v2.0.0-beta.1' });
    assert.deepEqual(
      all.map((pr) => pr.number),
      [12, 13, 14, 15, 16],
    );
  });

  it('accepts commits and branches as bounds', async () => {
    const prs = await mergedPullRequests(fixture.work, { from: sha.pr12, to: sha.pr13 ?? '' });
    assert.deepEqual(
      prs.map((pr) => pr.number),
      [13],
    );
    assert.deepEqual(
      (await mergedPullRequests(fixture.work, { from: 'v1.1.0', to: 'main' })).map((pr) => pr.number),
      [15, 16],
    );
  });

  it('fails with UnknownRefError for a bound that does not exist', async () => {
    await assert.rejects(mergedPullRequests(fixture.work, { from: 'v0.9.0', to: 'v1.1.0' }), UnknownRefError);
    await assert.rejects(mergedPullRequests(fixture.work, { to: 'nope' }), UnknownRefError);
  });
});
