import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAnnotatedTag } from '../../git/annotatedTag';
import { readArtifactsAtCommit } from '../../git/artifactsAtCommit';
import { NotAGitRepositoryError, RemoteError } from '../../git/gitErrors';
import { syncMirror } from '../../git/mirror';
import { pushTag } from '../../git/remoteTags';
import { listVersionTags } from '../../git/semverTags';
import { artifactText, commitFiles, createRepositoryFixture, type RepositoryFixture } from './gitRepositoryFixture';

describe('git mirror for the tag watcher', () => {
  let fixture: RepositoryFixture;
  let mirrorDir: string;

  const tagNames = async (repoPath: string) => (await listVersionTags(repoPath)).map((tag) => tag.tag);

  before(async () => {
    fixture = await createRepositoryFixture();
    mirrorDir = join(fixture.root, 'data', 'repo.git');
    await commitFiles(fixture.git, 'First', { 'workflows/a.json': artifactText('workflow', 'a', 1) });
    await createAnnotatedTag(fixture.work, { tag: 'v1.0.0', message: 'First' });
    await fixture.git.raw(['push', '--quiet', 'origin', 'main', 'v1.0.0']);
  });

  after(() => fixture.remove());

  it('clones into the data dir when the mirror is absent', async () => {
    const sync = await syncMirror({ source: fixture.origin, dir: mirrorDir });
    assert.deepEqual(sync, { path: mirrorDir, created: true });
    assert.deepEqual(await tagNames(mirrorDir), ['v1.0.0']);
    assert.deepEqual(await readArtifactsAtCommit(mirrorDir, 'v1.0.0'), [{ path: 'workflows/a.json', kind: 'workflow', text: artifactText('workflow', 'a', 1) }]);
  });

  it('fetches a newly pushed tag and its commits into the existing mirror', async () => {
    await commitFiles(fixture.git, 'Second', { 'workflows/a.json': artifactText('workflow', 'a', 2) });
    await createAnnotatedTag(fixture.work, { tag: 'v1.1.0', message: 'Second' });
    await fixture.git.raw(['push', '--quiet', 'origin', 'main']);
    await pushTag(fixture.work, 'v1.1.0');

    const sync = await syncMirror({ source: fixture.origin, dir: mirrorDir });
    assert.equal(sync.created, false);
    assert.deepEqual(await tagNames(mirrorDir), ['v1.0.0', 'v1.1.0']);
    const [file] = await readArtifactsAtCommit(mirrorDir, 'v1.1.0');
    assert.equal(file?.text, artifactText('workflow', 'a', 2));
  });

  it('prunes tags deleted from the source and follows a moved tag', async () => {
    await fixture.git.raw(['push', '--quiet', 'origin', ':refs/tags/v1.0.0']);
    await fixture.git.raw(['tag', '--force', 'v1.1.0', 'HEAD~1']);
    await fixture.git.raw(['push', '--quiet', '--force', 'origin', 'v1.1.0']);

    await syncMirror({ source: fixture.origin, dir: mirrorDir });
    const tags = await listVersionTags(mirrorDir);
    assert.deepEqual(
      tags.map((tag) => [tag.tag, tag.commit]),
      [['v1.1.0', (await fixture.git.revparse(['HEAD~1'])).trim()]],
    );
  });

  it('lets concurrent syncs of one mirror all succeed', async () => {
    await commitFiles(fixture.git, 'Third', { 'agents/b.json': artifactText('agent', 'b', 1) });
    await createAnnotatedTag(fixture.work, { tag: 'v1.2.0', message: 'Third' });
    await fixture.git.raw(['push', '--quiet', 'origin', 'main', 'v1.2.0']);
    const results = await Promise.all([1, 2, 3].map(() => syncMirror({ source: fixture.origin, dir: mirrorDir })));
    assert.deepEqual(
      results.map((result) => result.created),
      [false, false, false],
    );
    assert.deepEqual(await tagNames(mirrorDir), ['v1.1.0', 'v1.2.0']);
  });

  it('accepts file URLs and paths relative to the current directory', async () => {
    const viaUrl = await syncMirror({ source: pathToFileURL(fixture.origin).href, dir: join(fixture.root, 'url.git') });
    assert.equal(viaUrl.created, true);
    assert.deepEqual(await tagNames(viaUrl.path), ['v1.1.0', 'v1.2.0']);
    const viaRelative = await syncMirror({ source: relative(process.cwd(), fixture.origin), dir: join(fixture.root, 'rel.git') });
    assert.deepEqual(await tagNames(viaRelative.path), ['v1.1.0', 'v1.2.0']);
  });

  it('clones into an existing empty directory', async () => {
    const empty = join(fixture.root, 'empty.git');
    await mkdir(empty);
    assert.equal((await syncMirror({ source: fixture.origin, dir: empty })).created, true);
  });

  it('refuses a non-empty directory that is not a repository, even inside another repository', async () => {
    const occupied = join(fixture.work, 'occupied');
    await mkdir(occupied);
    await writeFile(join(occupied, 'notes.txt'), 'mine\n');
    await assert.rejects(syncMirror({ source: fixture.origin, dir: occupied }), NotAGitRepositoryError);
  });

  it('reports a source that does not exist as RemoteError remote_not_found', async () => {
    await assert.rejects(
      syncMirror({ source: join(fixture.root, 'nowhere.git'), dir: join(fixture.root, 'nowhere-mirror.git') }),
      (error: unknown) => error instanceof RemoteError && error.code === 'remote_not_found',
    );
  });
});
