import assert from 'node:assert/strict';
import { NotAGitRepositoryError } from '../../git/gitErrors';
import { artifactWorkingTreeStatus } from '../../git/workingTree';
import { artifactText, commitFiles, createRepositoryFixture, writeFiles, type RepositoryFixture } from './gitRepositoryFixture';

describe('git working tree status for artifacts', () => {
  let fixture: RepositoryFixture;

  beforeEach(async () => {
    fixture = await createRepositoryFixture();
    await commitFiles(fixture.git, 'Artifacts', {
      'workflows/intake.json': artifactText('workflow', 'intake', 1),
      'agents/triage.json': artifactText('agent', 'triage', 1),
      'README.md': '# claims\n',
    });
  });

  afterEach(() => fixture.remove());

  it('is clean right after a commit and when only non-artifact files change', async () => {
    assert.deepEqual(await artifactWorkingTreeStatus(fixture.work), { clean: true, changed: [] });
    await writeFiles(fixture.work, { 'README.md': '# changed\n', 'docs/new.md': 'new\n', 'workflows/notes.txt': 'x\n' });
    assert.deepEqual(await artifactWorkingTreeStatus(fixture.work), { clean: true, changed: [] });
  });

  it('lists modified, deleted, staged and untracked artifacts', async () => {
    await writeFiles(fixture.work, {
      'workflows/intake.json': artifactText('workflow', 'intake', 2),
      'agents/triage.json': null,
      'processors/ocr.json': artifactText('processor', 'ocr', 1),
      'agents/planner.json': artifactText('agent', 'planner', 1),
    });
    await fixture.git.raw(['add', 'agents/planner.json']);
    const status = await artifactWorkingTreeStatus(fixture.work);
    assert.equal(status.clean, false);
    assert.deepEqual([...status.changed].sort(), ['agents/planner.json', 'agents/triage.json', 'processors/ocr.json', 'workflows/intake.json']);
  });

  it('counts a change to forge.json, and judges paths by the committed forge.json globs', async () => {
    await commitFiles(fixture.git, 'Custom globs', { 'forge.json': '{"artifacts": {"workflow": ["flows/*.json"]}}\n' });
    await writeFiles(fixture.work, { 'flows/a.json': '{}\n', 'workflows/intake.json': '{}\n' });
    assert.deepEqual(await artifactWorkingTreeStatus(fixture.work), { clean: false, changed: ['flows/a.json'] });
    await writeFiles(fixture.work, { 'flows/a.json': null, 'forge.json': '{}\n' });
    assert.deepEqual(await artifactWorkingTreeStatus(fixture.work), { clean: false, changed: ['forge.json'] });
  });

  it('works in a repository without commits, using the default globs', async () => {
    const fresh = await createRepositoryFixture();
    try {
      await writeFiles(fresh.work, { 'workflows/a.json': '{}\n', 'other.txt': 'x\n' });
      assert.deepEqual(await artifactWorkingTreeStatus(fresh.work), { clean: false, changed: ['workflows/a.json'] });
    } finally {
      await fresh.remove();
    }
  });

  it('fails with NotAGitRepositoryError outside a repository', async () => {
    await assert.rejects(artifactWorkingTreeStatus(fixture.root), NotAGitRepositoryError);
  });
});
