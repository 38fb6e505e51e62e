import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientVersionRegistry } from '../../client/clientVersionRegistry';
import { ForgeClient } from '../../client/forgeClient';
import { nextVersion } from '../../core/versioning/nextVersion';
import { registerVersionTag, syncVersionTags } from '../../git/versionRegistration';
import { proposeVersion } from '../../git/versionProposal';
import { generateToken } from '../../server/auth/tokens';
import { openService, serviceOptions, type OpenedService } from '../../server/main';
import { workflowUpload } from '../service/support/artifacts';
import { commitFiles, createRepositoryFixture, mergePullRequest, type Person, type RepositoryFixture } from './gitRepositoryFixture';

const ada: Person = { name: 'Ada Author', email: 'ada@example.com' };
const max: Person = { name: 'Max Maintainer', email: 'max@example.com' };
const intake = (revision: number) => ({ 'workflows/intake.json': workflowUpload('intake', revision).content });

describe('git version proposal and registration', () => {
  let fixture: RepositoryFixture;
  let dataDir: string;
  let service: OpenedService;
  let client: ForgeClient;

  before(async () => {
    fixture = await createRepositoryFixture();
    dataDir = mkdtempSync(join(tmpdir(), 'forge-registration-'));
    const token = generateToken();
    service = await openService(serviceOptions({ dataDir }, { FORGE_BOOTSTRAP_TOKEN: token, FORGE_LOG_LEVEL: 'silent' }));
    // The CLI's registry over the real API, answered by the app without opening a port.
    client = new ForgeClient({
      baseUrl: 'http://forge.test',
      token,
      fetch: (input, init) => Promise.resolve(service.app.request(input instanceof Request ? input : input.toString(), init)),
    });
  });

  after(async () => {
    await service.deps.tasks.idle();
    await service.deps.environmentDatabases.close();
    await service.deps.db.close();
    rmSync(dataDir, { recursive: true, force: true });
    await fixture.remove();
  });

  it('proposes v1.0.0 before any tag, then the bump the DAG diff calls for against the reachable tag', async () => {
    const { git } = fixture;
    await commitFiles(git, 'Import', intake(1));
    const first = await proposeVersion(fixture.work);
    assert.equal(first.previous, null);
    assert.equal(first.diff.bump, 'minor');
    assert.equal(nextVersion(undefined, first.diff.bump), 'v1.0.0');
    await git.raw(['tag', '--annotate', '--message=First', 'v1.0.0']);

    const atTag = await proposeVersion(fixture.work);
    assert.equal(atTag.previous?.tag, 'v1.0.0');
    assert.equal(atTag.previous?.commit, atTag.head, 'HEAD is the tagged commit: nothing to version');
    assert.equal(atTag.diff.bump, 'none');

    await commitFiles(git, 'Reword intake (#1)', intake(2), ada);
    const patch = await proposeVersion(fixture.work);
    assert.equal(patch.diff.bump, 'patch');
    assert.equal(nextVersion('v1.0.0', patch.diff.bump), 'v1.0.1');

    await commitFiles(git, 'Add billing (#2)', { 'workflows/billing.json': workflowUpload('billing', 1).content }, ada);
    assert.equal((await proposeVersion(fixture.work)).diff.bump, 'minor');

    await commitFiles(git, 'Drop billing again (#3)', { 'workflows/billing.json': null, 'workflows/claims.json': workflowUpload('claims', 1).content }, ada);
    const net = await proposeVersion(fixture.work);
    // Billing came and went since v1.0.0: only the tag's content counts, not the history in between.
    const changed = new Set(net.diff.changes.map((change) => `${change.name} ${change.bump}`));
    assert.deepEqual([...changed].sort(), ['claims minor', 'intake patch']);
    assert.equal(net.diff.bump, 'minor');
  });

  it('a pre-release tag is the previous version of the next one, and releasing it is the major bump', async () => {
    const { git } = fixture;
    await git.raw(['tag', '--annotate', '--message=Beta', 'v2.0.0-beta.1']);
    await commitFiles(git, 'Intake revision 3 (#4)', intake(3), ada);
    const proposal = await proposeVersion(fixture.work);
    assert.equal(proposal.previous?.tag, 'v2.0.0-beta.1');
    assert.equal(proposal.diff.bump, 'patch');
    assert.equal(nextVersion(proposal.previous?.tag, 'major'), 'v2.0.0');
  });

  it('sync registers every tag oldest first with the pull requests merged since its predecessor, then nothing', async () => {
    const { git } = fixture;
    // PR #5 as a true merge commit on top of the beta.
    await git.raw(['checkout', '--quiet', '-b', 'claims-v2']);
    await commitFiles(git, 'Claims revision 2', { 'workflows/claims.json': workflowUpload('claims', 2).content }, ada);
    await git.raw(['checkout', '--quiet', 'main']);
    await mergePullRequest(git, 'claims-v2', 'Merge pull request #5 from acme/claims-v2', 'Claims v2', max);
    await git.raw(['tag', '--annotate', '--message=Two', 'v2.0.0']);

    const registry = clientVersionRegistry(client);
    const outcome = await syncVersionTags(fixture.work, registry);
    assert.deepEqual(
      outcome.registered.map((r) => [r.tag, r.previousTag, r.pullRequests, r.created]),
      [
        ['v1.0.0', null, [], true],
        ['v2.0.0-beta.1', 'v1.0.0', [1, 2, 3], true],
        ['v2.0.0', 'v2.0.0-beta.1', [4, 5], true],
      ],
    );
    const beta = await client.getVersion('v2.0.0-beta.1');
    assert.equal(beta.message, 'Beta');
    assert.deepEqual(
      beta.artifacts.map((a) => a.path),
      ['workflows/claims.json', 'workflows/intake.json'],
    );
    const [changeSet] = await Promise.all(beta.changeSets.map((id) => client.getChangeSet(id)));
    assert.equal(changeSet?.name, 'v2.0.0-beta.1: pull requests merged since v1.0.0');
    assert.deepEqual(
      changeSet?.pullRequests.map((pr) => [pr.number, pr.title, pr.author]),
      [
        [1, 'Reword intake', 'Ada Author'],
        [2, 'Add billing', 'Ada Author'],
        [3, 'Drop billing again', 'Ada Author'],
      ],
    );
    assert.deepEqual(changeSet?.artifacts, ['workflows/billing.json', 'workflows/claims.json', 'workflows/intake.json']);
    const release = await client.getVersion('v2.0.0');
    assert.equal(release.previousTag, 'v2.0.0-beta.1');
    const [merged] = await Promise.all(release.changeSets.map((id) => client.getChangeSet(id)));
    assert.deepEqual(
      merged?.pullRequests.map((pr) => [pr.number, pr.author]),
      [
        [4, 'Ada Author'],
        [5, 'Ada Author'],
      ],
    );

    assert.deepEqual(await syncVersionTags(fixture.work, registry), { registered: [], alreadyRegistered: 3, conflicts: [] });
    const changeSets = await client.listChangeSets();
    assert.equal(changeSets.items.length, 2, 'no change set was created for tags already registered');
  });

  it('registering a tag again with the same content answers created: false; other content is refused with 409', async () => {
    const registry = clientVersionRegistry(client);
    const tag = { tag: 'v1.0.0', commit: (await fixture.git.revparse(['v1.0.0^{commit}'])).trim(), message: 'First' };
    const again = await registerVersionTag(fixture.work, registry, tag, ['v1.0.0']);
    assert.equal(again.created, false);
    const moved = { ...tag, commit: (await fixture.git.revparse(['HEAD'])).trim() };
    await assert.rejects(registerVersionTag(fixture.work, registry, moved, ['v1.0.0']), { status: 409, code: 'version_exists' });
  });

  it('sync reports a tag moved since its version was registered, instead of counting it as known', async () => {
    const registry = clientVersionRegistry(client);
    const registered = (await fixture.git.revparse(['v1.0.0^{commit}'])).trim();
    const head = (await fixture.git.revparse(['HEAD'])).trim();
    await fixture.git.raw(['tag', '--force', '--annotate', '--message=First, again', 'v1.0.0', head]);
    const outcome = await syncVersionTags(fixture.work, registry);
    assert.deepEqual(outcome, { registered: [], alreadyRegistered: 2, conflicts: [{ tag: 'v1.0.0', commit: head, registeredCommit: registered }] });
    assert.equal((await client.getVersion('v1.0.0')).commit, registered, 'the registered version is left as it was');
  });
});
