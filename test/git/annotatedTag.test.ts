import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createAnnotatedTag, tagTarget } from '../../git/annotatedTag';
import { InvalidTagNameError, RemoteError, TagExistsError, UnknownRefError } from '../../git/gitErrors';
import { fetchTags, pushTag } from '../../git/remoteTags';
import { listVersionTags } from '../../git/semverTags';
import { cloneOrigin, commitFiles, committer, createRepositoryFixture, type RepositoryFixture } from './gitRepositoryFixture';

describe('git annotated tags, push and fetch', () => {
  let fixture: RepositoryFixture;
  let first: string;
  let second: string;

  before(async () => {
    fixture = await createRepositoryFixture();
    first = await commitFiles(fixture.git, 'First', { 'workflows/a.json': '{}\n' });
    second = await commitFiles(fixture.git, 'Second', { 'workflows/a.json': '{"v":2}\n' });
    await fixture.git.raw(['push', '--quiet', 'origin', 'main']);
    await fixture.git.raw(['tag', 'v0.9.0', first]);
  });

  after(() => fixture.remove());

  it('creates an annotated tag at HEAD with the message and the local identity as tagger', async () => {
    const created = await createAnnotatedTag(fixture.work, { tag: 'v1.0.0', message: 'Release 1.0.0\n\nFirst cut.' });
    assert.deepEqual(created, { tag: 'v1.0.0', commit: second });
    const tag = (await listVersionTags(fixture.work)).find((item) => item.tag === 'v1.0.0');
    assert.equal(tag?.annotated, true);
    assert.equal(tag?.commit, second);
    assert.equal(tag?.message, 'Release 1.0.0\n\nFirst cut.');
    assert.equal(tag?.tagger?.email, committer.email);
  });

  it('creates a tag at a given commit', async () => {
    const created = await createAnnotatedTag(fixture.work, { tag: 'v0.9.1', message: 'Patch', commit: 'HEAD~1' });
    assert.equal(created.commit, first);
    assert.equal(await tagTarget(fixture.work, 'v0.9.1'), first);
  });

  it('refuses an existing tag, annotated or lightweight, with TagExistsError', async () => {
    await assert.rejects(createAnnotatedTag(fixture.work, { tag: 'v1.0.0', message: 'again' }), (error: unknown) => {
      assert.ok(error instanceof TagExistsError);
      assert.equal(error.code, 'tag_exists');
      assert.equal(error.commit, second);
      assert.match(error.message, /tag v1\.0\.0 already exists/);
      return true;
    });
    await assert.rejects(createAnnotatedTag(fixture.work, { tag: 'v0.9.0', message: 'again' }), TagExistsError);
    // The refused attempt left the existing tag untouched.
    assert.equal(await tagTarget(fixture.work, 'v0.9.0'), first);
  });

  it('refuses invalid tag names and unknown commits', async () => {
    for (const tag of ['v1..2', 'v1 2', '-v1', 'v1.lock', 'v1:2']) {
      await assert.rejects(createAnnotatedTag(fixture.work, { tag, message: 'x' }), InvalidTagNameError, tag);
    }
    await assert.rejects(createAnnotatedTag(fixture.work, { tag: 'v5.0.0', message: 'x', commit: 'nope' }), UnknownRefError);
    assert.equal(await tagTarget(fixture.work, 'v5.0.0'), null);
  });

  it('pushes a tag so it lands in the bare origin at the same commit', async () => {
    await pushTag(fixture.work, 'v1.0.0');
    const inOrigin = await listVersionTags(fixture.origin);
    assert.deepEqual(
      inOrigin.map((tag) => [tag.tag, tag.commit, tag.message]),
      [['v1.0.0', second, 'Release 1.0.0\n\nFirst cut.']],
    );
  });

  it('fetches tags another clone pushed', async () => {
    const other = await cloneOrigin(fixture, 'other');
    await commitFiles(other, 'Other work', { 'agents/b.json': '{}\n' });
    await other.raw(['push', '--quiet', 'origin', 'main']);
    const otherDir = join(fixture.root, 'other');
    await createAnnotatedTag(otherDir, { tag: 'v1.1.0', message: 'From the other clone' });
    await pushTag(otherDir, 'v1.1.0');

    assert.equal(await tagTarget(fixture.work, 'v1.1.0'), null);
    await fetchTags(fixture.work);
    const fetched = (await listVersionTags(fixture.work)).find((tag) => tag.tag === 'v1.1.0');
    assert.equal(fetched?.commit, (await other.revparse(['HEAD'])).trim());
    assert.equal(fetched?.tagger?.name, 'other');
  });

  it('reports a push the origin rejects as RemoteError remote_rejected', async () => {
    // The other clone already pushed v1.2.0 at its own commit; ours points elsewhere.
    const otherDir = join(fixture.root, 'other');
    await createAnnotatedTag(otherDir, { tag: 'v1.2.0', message: 'Theirs' });
    await pushTag(otherDir, 'v1.2.0');
    await createAnnotatedTag(fixture.work, { tag: 'v1.2.0', message: 'Ours', commit: first });
    await assert.rejects(pushTag(fixture.work, 'v1.2.0'), (error: unknown) => {
      assert.ok(error instanceof RemoteError);
      assert.equal(error.code, 'remote_rejected');
      assert.equal(error.remote, 'origin');
      return true;
    });
  });

  it('reports a missing remote as RemoteError remote_not_found', async () => {
    await assert.rejects(pushTag(fixture.work, 'v1.0.0', { remote: 'upstream' }), (error: unknown) => {
      assert.ok(error instanceof RemoteError);
      assert.equal(error.code, 'remote_not_found');
      return true;
    });
    await assert.rejects(fetchTags(fixture.work, { remote: join(fixture.root, 'missing.git') }), /remote repository not found/);
  });

  it('reports an unreachable URL without leaking its credentials', async () => {
    await assert.rejects(fetchTags(fixture.work, { remote: 'http://forge-bot:s3cr3t-token@127.0.0.1:9/repo.git', timeoutMs: 10_000 }), (error: unknown) => {
      assert.ok(error instanceof RemoteError);
      assert.equal(error.code, 'remote_unreachable');
      assert.doesNotMatch(error.message, /s3cr3t-token/);
      assert.doesNotMatch(JSON.stringify({ ...error, message: error.message }), /s3cr3t-token/);
      return true;
    });
  });
});
