import assert from 'node:assert/strict';
import { headCommit } from '../../git/commitRefs';
import { NotAGitRepositoryError, UnknownRefError } from '../../git/gitErrors';
import { findPredecessorTag } from '../../core/versioning/predecessorTag';
import { latestVersionTag, listVersionTags } from '../../git/semverTags';
import { commitFiles, committer, createRepositoryFixture, type RepositoryFixture } from './gitRepositoryFixture';

describe('git semver tags', () => {
  let fixture: RepositoryFixture;
  const commits: Record<string, string> = {};

  before(async () => {
    fixture = await createRepositoryFixture();
    const { git } = fixture;
    commits.first = await commitFiles(git, 'Initial workflows', { 'workflows/a.json': '{}\n' });
    await git.raw(['tag', 'v1.0.0']);
    await git.raw(['tag', 'release-1']);
    await git.raw(['tag', 'v1.2']);
    commits.second = await commitFiles(git, 'Second', { 'workflows/a.json': '{"x":1}\n' });
    await git.raw(['tag', '--annotate', '--message=Minor release\n\nAdds the intake branch.', 'v1.1.0']);
    await git.raw(['tag', '--annotate', '--message=Build-stamped patch', 'v1.2.3+20240319']);
    await git.raw(['tag', 'vnext']);
    await git.raw(['tag', 'v01.2.3']);
    commits.third = await commitFiles(git, 'Third', { 'workflows/a.json': '{"x":2}\n' });
    await git.raw(['tag', 'v1.10.0']);
    await git.raw(['tag', '--annotate', '--message=First beta', 'v2.0.0-beta.1']);
    // A higher version on a branch that HEAD does not contain.
    await git.raw(['checkout', '--quiet', '-b', 'experiment']);
    commits.side = await commitFiles(git, 'Experiment', { 'workflows/b.json': '{}\n' });
    await git.raw(['tag', '--annotate', '--message=Experimental', 'v9.0.0']);
    await git.raw(['checkout', '--quiet', 'main']);
  });

  after(() => fixture.remove());

  it('lists only v-prefixed semver tags, in semver order, peeled to their commits', async () => {
    const tags = await listVersionTags(fixture.work);
    assert.deepEqual(
      tags.map((tag) => [tag.tag, tag.commit]),
      [
        ['v1.0.0', commits.first],
        ['v1.1.0', commits.second],
        ['v1.2.3+20240319', commits.second],
        ['v1.10.0', commits.third],
        ['v2.0.0-beta.1', commits.third],
        ['v9.0.0', commits.side],
      ],
    );
  });

  it('keeps pre-release and build metadata in the version', async () => {
    const tags = await listVersionTags(fixture.work);
    const beta = tags.find((tag) => tag.tag === 'v2.0.0-beta.1');
    const build = tags.find((tag) => tag.tag === 'v1.2.3+20240319');
    assert.equal(beta?.version, '2.0.0-beta.1');
    assert.deepEqual(beta?.prerelease, ['beta', 1]);
    assert.equal(build?.version, '1.2.3+20240319');
    assert.deepEqual(build?.prerelease, []);
    assert.deepEqual(build?.build, ['20240319']);
  });

  it('gives the message and tagger of annotated tags and null for lightweight ones', async () => {
    const tags = await listVersionTags(fixture.work);
    const minor = tags.find((tag) => tag.tag === 'v1.1.0');
    const light = tags.find((tag) => tag.tag === 'v1.0.0');
    assert.equal(minor?.annotated, true);
    assert.equal(minor?.message, 'Minor release\n\nAdds the intake branch.');
    assert.equal(minor?.tagger?.name, committer.name);
    assert.equal(minor?.tagger?.email, committer.email);
    assert.ok(!Number.isNaN(Date.parse(minor?.tagger?.date ?? '')), 'tagger date is ISO 8601');
    assert.equal(light?.annotated, false);
    assert.equal(light?.message, null);
    assert.equal(light?.tagger, null);
  });

  it('finds the latest version tag reachable from HEAD, ignoring unmerged branches', async () => {
    const latest = await latestVersionTag(fixture.work);
    assert.equal(latest?.tag, 'v2.0.0-beta.1');
    assert.equal((await latestVersionTag(fixture.work, 'experiment'))?.tag, 'v9.0.0');
    assert.equal((await latestVersionTag(fixture.work, commits.first))?.tag, 'v1.0.0');
  });

  it('returns null when no version tag is reachable', async () => {
    const empty = await createRepositoryFixture();
    try {
      await commitFiles(empty.git, 'Only commit', { 'README.md': 'hi\n' });
      await empty.git.raw(['tag', 'not-a-version']);
      assert.equal(await latestVersionTag(empty.work), null);
      assert.deepEqual(await listVersionTags(empty.work), []);
    } finally {
      await empty.remove();
    }
  });

  it('gives core/versioning the tag names it needs to find the previous version', async () => {
    const names = (await listVersionTags(fixture.work)).map((tag) => tag.tag);
    assert.equal(findPredecessorTag('v2.0.0', names), 'v2.0.0-beta.1');
    assert.equal(findPredecessorTag('v1.10.0', names), 'v1.2.3+20240319');
    assert.equal(findPredecessorTag('v1.0.0', names), undefined);
  });

  it('reports the HEAD commit', async () => {
    assert.equal(await headCommit(fixture.work), commits.third);
  });

  it('fails with typed errors outside a repository and for unknown refs', async () => {
    await assert.rejects(listVersionTags(fixture.root), NotAGitRepositoryError);
    await assert.rejects(listVersionTags(`${fixture.root}/missing`), NotAGitRepositoryError);
    await assert.rejects(latestVersionTag(fixture.work, 'no-such-branch'), UnknownRefError);
  });
});
