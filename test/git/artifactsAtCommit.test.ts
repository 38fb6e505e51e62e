import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readArtifactsAtCommit } from '../../git/artifactsAtCommit';
import { InvalidForgeConfigError, NotAGitRepositoryError, UnknownRefError } from '../../git/gitErrors';
import { artifactText, commitFiles, createRepositoryFixture, writeFiles, type RepositoryFixture } from './gitRepositoryFixture';

describe('git artifacts at a commit', () => {
  let fixture: RepositoryFixture;
  const v1 = {
    'workflows/intake.json': artifactText('workflow', 'intake', 1),
    'agents/triage.json': artifactText('agent', 'triage', 1),
    'processors/ocr.json': artifactText('processor', 'ocr', 1),
  };

  before(async () => {
    fixture = await createRepositoryFixture();
    await commitFiles(fixture.git, 'Initial artifacts', {
      ...v1,
      'README.md': '# claims\n',
      'workflows/notes.txt': 'not json\n',
      'workflows/drafts/wip.json': artifactText('workflow', 'wip', 1),
      'agents/.hidden.json': '{}\n',
    });
    await fixture.git.raw(['tag', '--annotate', '--message=First', 'v1.0.0']);
    await commitFiles(fixture.git, 'Change everything', {
      'workflows/intake.json': artifactText('workflow', 'intake', 2),
      'agents/triage.json': null,
      'workflows/claims.json': artifactText('workflow', 'claims', 1),
    });
    await fixture.git.raw(['tag', 'v1.1.0']);
    // Uncommitted edits must never leak into what a tag holds.
    await writeFiles(fixture.work, { 'workflows/intake.json': '{"dirty": true}\n', 'agents/new.json': '{}\n' });
  });

  after(() => fixture.remove());

  it('reads exactly the artifact files at a tag, even after later commits changed them', async () => {
    const files = await readArtifactsAtCommit(fixture.work, 'v1.0.0');
    assert.deepEqual(files, [
      { path: 'agents/triage.json', kind: 'agent', text: v1['agents/triage.json'] },
      { path: 'processors/ocr.json', kind: 'processor', text: v1['processors/ocr.json'] },
      { path: 'workflows/intake.json', kind: 'workflow', text: v1['workflows/intake.json'] },
    ]);
  });

  it('reads the later tag with its own content and without the working tree edits', async () => {
    const files = await readArtifactsAtCommit(fixture.work, 'v1.1.0');
    assert.deepEqual(
      files.map((file) => file.path),
      ['processors/ocr.json', 'workflows/claims.json', 'workflows/intake.json'],
    );
    assert.equal(files.find((file) => file.path === 'workflows/intake.json')?.text, artifactText('workflow', 'intake', 2));
    assert.equal(await readFile(join(fixture.work, 'workflows/intake.json'), 'utf8'), '{"dirty": true}\n');
  });

  it('accepts a commit sha and reads from a bare repository', async () => {
    const sha = (await fixture.git.revparse(['v1.0.0^{commit}'])).trim();
    await fixture.git.raw(['push', '--quiet', 'origin', 'main', 'v1.0.0']);
    const fromWork = await readArtifactsAtCommit(fixture.work, sha);
    const fromOrigin = await readArtifactsAtCommit(fixture.origin, 'v1.0.0');
    assert.deepEqual(fromOrigin, fromWork);
    assert.equal(fromOrigin.length, 3);
  });

  it('fails with typed errors for an unknown ref or a folder that is not a repository', async () => {
    await assert.rejects(readArtifactsAtCommit(fixture.work, 'v7.7.7'), UnknownRefError);
    await assert.rejects(readArtifactsAtCommit(fixture.root, 'HEAD'), NotAGitRepositoryError);
  });

  describe('with forge.json', () => {
    let custom: RepositoryFixture;

    before(async () => {
      custom = await createRepositoryFixture();
      await commitFiles(custom.git, 'Custom layout', {
        // JSON with comments, as the editor accepts it.
        'forge.json': '{\n  // flows live elsewhere\n  "artifacts": {"workflow": ["flows/**/*.json"]}\n}\n',
        'flows/claims/intake.json': artifactText('workflow', 'intake', 1),
        'flows/top.json': artifactText('workflow', 'top', 1),
        'workflows/ignored.json': artifactText('workflow', 'ignored', 1),
        'agents/triage.json': artifactText('agent', 'triage', 1),
      });
      await custom.git.raw(['tag', 'v1.0.0']);
      await commitFiles(custom.git, 'Single globs', {
        'forge.json': JSON.stringify({ artifacts: { workflow: 'defs/*.workflow.json', processor: 'agents/none/*.json' } }),
        'defs/a.workflow.json': artifactText('workflow', 'a', 1),
        'defs/readme.json': '{}\n',
      });
      await custom.git.raw(['tag', 'v2.0.0']);
      await commitFiles(custom.git, 'Broken config', { 'forge.json': '{"artifacts": ' });
      await custom.git.raw(['tag', 'v3.0.0']);
      await commitFiles(custom.git, 'Empty glob list', { 'forge.json': '{"artifacts": {"workflow": []}}' });
      await custom.git.raw(['tag', 'v4.0.0']);
    });

    after(() => custom.remove());

    it('uses the globs of the forge.json at that commit, defaults for kinds it does not name', async () => {
      const files = await readArtifactsAtCommit(custom.work, 'v1.0.0');
      assert.deepEqual(
        files.map((file) => [file.path, file.kind]),
        [
          ['agents/triage.json', 'agent'],
          ['flows/claims/intake.json', 'workflow'],
          ['flows/top.json', 'workflow'],
        ],
      );
      assert.equal(files[1]?.text, artifactText('workflow', 'intake', 1));
    });

    it('follows forge.json as it changes from commit to commit', async () => {
      const files = await readArtifactsAtCommit(custom.work, 'v2.0.0');
      assert.deepEqual(
        files.map((file) => [file.path, file.kind]),
        [
          ['agents/triage.json', 'agent'],
          ['defs/a.workflow.json', 'workflow'],
        ],
      );
    });

    it('refuses an invalid forge.json with a typed error naming the problem', async () => {
      await assert.rejects(readArtifactsAtCommit(custom.work, 'v3.0.0'), (error: unknown) => {
        assert.ok(error instanceof InvalidForgeConfigError);
        assert.equal(error.code, 'invalid_forge_config');
        assert.match(error.message, /^forge\.json at [0-9a-f]{12} is invalid/);
        return true;
      });
      await assert.rejects(readArtifactsAtCommit(custom.work, 'v4.0.0'), /is invalid: artifacts\.workflow: /);
    });
  });

  it('reads a repository of 250 artifacts completely and exactly', async () => {
    const large = await createRepositoryFixture();
    try {
      const changes: Record<string, string> = {};
      for (let i = 0; i < 250; i += 1) {
        const kind = ['workflow', 'agent', 'processor'][i % 3] ?? 'workflow';
        changes[`${kind}s/item-${String(i).padStart(3, '0')}.json`] = artifactText(kind, `item-${i}`, i);
      }
      // Two files with identical content share one blob: both must still be returned.
      changes['agents/copy.json'] = artifactText('agent', 'item-1', 1);
      changes['agents/é-unicode.json'] = '{"name": "ünïcødé"}\n';
      await commitFiles(large.git, 'Many artifacts', changes);
      const files = await readArtifactsAtCommit(large.work, 'HEAD');
      assert.equal(files.length, 252);
      assert.deepEqual(Object.fromEntries(files.map((file) => [file.path, file.text])), changes);
    } finally {
      await large.remove();
    }
  });
});
