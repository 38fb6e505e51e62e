import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readArtifactsAtCommit } from '../../git/artifactsAtCommit';
import { mergedPullRequests } from '../../git/mergedPullRequests';
import { proposeVersion } from '../../git/versionProposal';
import { workflowFolderPrefix } from '../../git/workflowFolder';
import { artifactWorkingTreeStatus } from '../../git/workingTree';
import { artifactText, commitFiles, createRepositoryFixture, mergePullRequest, writeFiles, type RepositoryFixture } from './gitRepositoryFixture';

/**
 * A monorepo whose workflow repository is the sub-folder `platform/claims` (its own forge.json, custom globs),
 * beside unrelated code and a second set of workflow files at the root that must not leak into it.
 */
describe('git: a workflow repository in a sub-folder of a bigger repository', () => {
  let fixture: RepositoryFixture;
  let claims: string;

  before(async () => {
    fixture = await createRepositoryFixture();
    claims = join(fixture.work, 'platform/claims');
    await commitFiles(fixture.git, 'Monorepo', {
      'README.md': '# monorepo\n',
      'workflows/root-level.json': artifactText('workflow', 'root-level', 1),
      'platform/billing/workflows/invoice.json': artifactText('workflow', 'invoice', 1),
      'platform/claims/forge.json': JSON.stringify({ artifacts: { workflow: ['flows/*.json'] } }),
      'platform/claims/flows/intake.json': artifactText('workflow', 'intake', 1),
      'platform/claims/agents/triage.json': artifactText('agent', 'triage', 1),
    });
    await fixture.git.raw(['tag', '--annotate', '--message=First', 'v1.0.0']);
    // PR #1 touches the claims folder; PR #2 only the billing folder next to it.
    await fixture.git.raw(['checkout', '--quiet', '-b', 'intake']);
    await commitFiles(fixture.git, 'Reword intake', { 'platform/claims/flows/intake.json': artifactText('workflow', 'intake', 2) });
    await fixture.git.raw(['checkout', '--quiet', 'main']);
    await mergePullRequest(fixture.git, 'intake', 'Merge pull request #1 from acme/intake', 'Reword intake', { name: 'Mona', email: 'mona@example.com' });
    await commitFiles(fixture.git, 'Invoice rounding (#2)', { 'platform/billing/workflows/invoice.json': artifactText('workflow', 'invoice', 2) });
  });

  after(() => fixture.remove());

  it('knows where the folder sits in its repository, and that the root and a bare clone sit at the top', async () => {
    assert.equal(await workflowFolderPrefix(claims), 'platform/claims/');
    assert.equal(await workflowFolderPrefix(fixture.work), '');
    assert.equal(await workflowFolderPrefix(fixture.origin), '');
  });

  it("reads the folder's own forge.json and artifacts, with paths relative to the folder", async () => {
    const files = await readArtifactsAtCommit(claims, 'v1.0.0');
    assert.deepEqual(
      files.map((file) => [file.path, file.kind]),
      [
        ['agents/triage.json', 'agent'],
        ['flows/intake.json', 'workflow'],
      ],
    );
    assert.equal(files[1]?.text, artifactText('workflow', 'intake', 1));
    // From the root the defaults apply, to the root's own files only.
    assert.deepEqual(
      (await readArtifactsAtCommit(fixture.work, 'v1.0.0')).map((file) => file.path),
      ['workflows/root-level.json'],
    );
  });

  it('proposes the next version from the folder alone: its artifacts and the bump its changes call for', async () => {
    const proposal = await proposeVersion(claims);
    assert.equal(proposal.previous?.tag, 'v1.0.0');
    assert.deepEqual(
      proposal.artifacts.map((file) => file.path),
      ['agents/triage.json', 'flows/intake.json'],
    );
    assert.deepEqual(
      proposal.diff.changes.map((change) => `${change.kind}/${change.name} ${change.bump}`),
      ['workflow/intake patch'],
    );
  });

  it('counts only the pull requests that touched the folder, with artifact paths relative to it', async () => {
    const prs = await mergedPullRequests(claims, { from: 'v1.0.0', to: 'HEAD' });
    assert.deepEqual(
      prs.map((pr) => [pr.number, pr.artifacts, pr.files]),
      [[1, ['flows/intake.json'], ['platform/claims/flows/intake.json']]],
    );
    assert.deepEqual(
      (await mergedPullRequests(fixture.work, { from: 'v1.0.0', to: 'HEAD' })).map((pr) => pr.number),
      [1, 2],
    );
  });

  it("judges the working tree by the folder's globs, naming changes relative to it", async () => {
    await writeFiles(fixture.work, {
      'platform/claims/flows/draft.json': '{}\n',
      'platform/claims/workflows/not-an-artifact-here.json': '{}\n',
      'workflows/root-draft.json': '{}\n',
    });
    try {
      assert.deepEqual(await artifactWorkingTreeStatus(claims), { clean: false, changed: ['flows/draft.json'] });
    } finally {
      await writeFiles(fixture.work, {
        'platform/claims/flows/draft.json': null,
        'platform/claims/workflows/not-an-artifact-here.json': null,
        'workflows/root-draft.json': null,
      });
    }
  });
});
