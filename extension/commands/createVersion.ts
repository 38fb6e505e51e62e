import * as vscode from 'vscode';
import { clientVersionRegistry } from '../../client/clientVersionRegistry';
import { compareBumps, type Bump } from '../../core/diff/bump';
import type { SnapshotDiff } from '../../core/diff/diffSnapshots';
import { nextVersion } from '../../core/versioning/nextVersion';
import { createAnnotatedTag } from '../../git/annotatedTag';
import { gitText } from '../../git/gitCommand';
import { pushTag } from '../../git/remoteTags';
import { listVersionTags } from '../../git/semverTags';
import { registerVersionTag } from '../../git/versionRegistration';
import { proposeVersion } from '../../git/versionProposal';
import { artifactWorkingTreeStatus } from '../../git/workingTree';
import type { ForgeLog } from '../logging';
import type { ForgeSession } from '../session/forgeSession';
import { describeFailure } from './releaseProgress';

const createVersionCommand = 'forge.createVersion';

/** The order the bumps are offered in after the inferred one. */
const bumpOrder: Bump[] = ['major', 'minor', 'patch'];

/**
 * "Forge: Create Version": diffs HEAD against the previous version tag with core, offers the inferred bump
 * (with the changes that call for it) first, asks for the tag message, creates the annotated tag, pushes it
 * when the repository has a remote, and registers the version (with its default change set) with the service.
 */
export function registerCreateVersion(session: ForgeSession, log: ForgeLog): vscode.Disposable {
  return vscode.commands.registerCommand(createVersionCommand, async () => {
    try {
      const connection = session.require();
      const folder = await pickFolder();
      if (!folder) return undefined;
      const repo = folder.uri.fsPath;
      const status = await artifactWorkingTreeStatus(repo);
      if (!status.clean) {
        void vscode.window.showWarningMessage(`Forge: commit the artifact changes first — a version tags what is committed (${status.changed.slice(0, 5).join(', ')}).`);
        return undefined;
      }
      const proposal = await proposeVersion(repo);
      if (proposal.previous?.commit === proposal.head) {
        void vscode.window.showWarningMessage(`Forge: HEAD is already tagged ${proposal.previous.tag}; commit something to version first.`);
        return undefined;
      }
      const tag = await pickTag(proposal.previous?.tag, proposal.diff);
      if (!tag) return undefined;
      const message = await vscode.window.showInputBox({
        title: `Forge: Create Version ${tag}`,
        prompt: 'Tag message',
        value: `Release ${tag}`,
        ignoreFocusOut: true,
        validateInput: (value) => (value.trim() ? undefined : 'The annotated tag needs a message'),
      });
      if (!message) return undefined;
      return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Forge: creating ${tag}` }, async (progress) => {
        progress.report({ message: 'tagging…' });
        const created = await createAnnotatedTag(repo, { tag, message: message.trim() });
        if ((await gitText(repo, ['remote'])).trim()) {
          progress.report({ message: 'pushing the tag…' });
          await pushTag(repo, tag);
        } else {
          log.info(`${repo} has no remote: ${tag} stays local`);
        }
        progress.report({ message: 'registering…' });
        const tags = (await listVersionTags(repo)).map((item) => item.tag);
        const registration = await registerVersionTag(repo, clientVersionRegistry(connection.client), { tag, commit: created.commit, message: message.trim() }, tags);
        const version = await connection.client.getVersion(tag);
        const pullRequests = registration.pullRequests.length > 0 ? `, change set with PRs ${registration.pullRequests.map((n) => `#${n}`).join(', ')}` : '';
        log.info(`registered ${tag} (${created.commit.slice(0, 12)}, ${version.artifacts.length} artifacts${pullRequests}, valid: ${version.valid})`);
        if (version.valid) void vscode.window.showInformationMessage(`Forge: ${tag} created and registered (${version.artifacts.length} artifacts${pullRequests}).`);
        else void vscode.window.showWarningMessage(`Forge: ${tag} is registered but has validation errors; the validation gate will refuse to deploy it.`);
        return version;
      });
    } catch (error) {
      void log.reportFailure('Creating the version failed', new Error(describeFailure(error)));
      return undefined;
    }
  });
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) {
    if (folders.length === 0) void vscode.window.showWarningMessage('Forge: open the workflow repository first.');
    return folders[0];
  }
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Repository to version' });
}

/** Quick pick of the next tag per bump; the inferred bump comes first, with the changes that call for it. */
async function pickTag(previousTag: string | undefined, diff: SnapshotDiff): Promise<string | undefined> {
  const inferred: Bump = diff.bump === 'none' ? 'patch' : diff.bump;
  const reasons = diff.changes.filter((change) => change.bump === diff.bump).map((change) => `${change.kind} ${change.name}: ${change.change}`);
  // Without a previous version every bump gives the first version, offered once.
  const bumps = previousTag ? [inferred, ...bumpOrder.filter((bump) => bump !== inferred)] : [inferred];
  const items = bumps.map((bump) => {
    const tag = nextVersion(previousTag, bump);
    const smaller = compareBumps(bump, inferred) < 0;
    return {
      label: tag,
      description: bump === inferred ? `${bump} — inferred from ${diff.changes.length} change(s)` : smaller ? `${bump} — smaller than inferred: the semver-policy gate will refuse it` : bump,
      detail: bump === inferred ? (reasons.length > 0 ? reasons.slice(0, 3).join(' · ') + (reasons.length > 3 ? ` · and ${reasons.length - 3} more` : '') : 'no artifact changes since the previous version') : undefined,
    };
  });
  const choice = await vscode.window.showQuickPick(items, { title: `Forge: Create Version (previous: ${previousTag ?? 'none'})`, placeHolder: 'Version tag', matchOnDetail: true });
  return choice?.label;
}

