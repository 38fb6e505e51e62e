import * as vscode from 'vscode';
import { clientVersionRegistry } from '../../client/clientVersionRegistry';
import type { SnapshotDiff } from '../../core/diff/diffSnapshots';
import { validateRepository } from '../../core/validation/validateRepository';
import { createAnnotatedTag } from '../../git/annotatedTag';
import { readArtifactsAtCommit } from '../../git/artifactsAtCommit';
import { gitText } from '../../git/gitCommand';
import { pushTag } from '../../git/remoteTags';
import { listVersionTags } from '../../git/semverTags';
import { registerVersionTag } from '../../git/versionRegistration';
import { proposeVersion } from '../../git/versionProposal';
import { artifactWorkingTreeStatus } from '../../git/workingTree';
import type { ForgeLog } from '../logging';
import type { ForgeSession } from '../session/forgeSession';
import type { ReleaseUpdates } from '../session/releaseUpdates';
import { proposedTags, typedTag, type TagChoice } from '../versions/tagChoice';
import { offerFixes, reportRefusal } from './fixingActions';

const createVersionCommand = 'forge.createVersion';

/**
 * "Forge: Create Version": warns first about what the version would not hold as expected (uncommitted artifact
 * changes, validation errors at HEAD), offers the next tag for the bump the DAG diff infers (with the changes
 * that call for it) or any semver tag the user types, asks for the tag message, creates the annotated tag,
 * pushes it when the repository has a remote, and registers the version (with its default change set).
 */
export function registerCreateVersion(session: ForgeSession, updates: ReleaseUpdates, log: ForgeLog): vscode.Disposable {
  return vscode.commands.registerCommand(createVersionCommand, async () => {
    if (!vscode.workspace.isTrusted) {
      // git reads the repository's own configuration, which may run programs: not in a restricted workspace.
      void vscode.window
        .showWarningMessage('Forge: Create Version runs git in the workspace, so it needs a trusted workspace. Trust this workspace first.', 'Manage Workspace Trust')
        .then((choice) => (choice ? vscode.commands.executeCommand('workbench.trust.manage') : undefined));
      return undefined;
    }
    const signedIn = session.connection;
    try {
      const connection = session.require();
      const folder = await pickFolder();
      if (!folder) return undefined;
      const repo = folder.uri.fsPath;
      const [status, proposal, existing] = await Promise.all([artifactWorkingTreeStatus(repo), proposeVersion(repo), listVersionTags(repo)]);
      if (proposal.previous?.commit === proposal.head) {
        void vscode.window.showInformationMessage(`Forge: HEAD is already tagged ${proposal.previous.tag}; commit something to version first.`);
        return undefined;
      }
      if (!(await acceptWarnings(repo, proposal.head, status.changed))) return undefined;
      const tag = await pickTag(proposal.previous?.tag, proposal.diff, new Set(existing.map((item) => item.tag)));
      if (!tag) return undefined;
      const message = await vscode.window.showInputBox({
        title: `Forge: Create Version ${tag}`,
        prompt: 'Tag message',
        value: `Release ${tag}`,
        ignoreFocusOut: true,
        validateInput: (value) => (value.trim() ? undefined : 'The annotated tag needs a message'),
      });
      if (!message) return undefined;
      const version = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Forge: creating ${tag}` }, async (progress) => {
        progress.report({ message: 'tagging HEAD…' });
        const created = await createAnnotatedTag(repo, { tag, message: message.trim() });
        if ((await gitText(repo, ['remote'])).trim()) {
          progress.report({ message: 'pushing the tag…' });
          await pushTag(repo, tag);
        } else {
          log.info(`${repo} has no remote: ${tag} stays local`);
        }
        progress.report({ message: 'registering it with the service…' });
        const tags = (await listVersionTags(repo)).map((item) => item.tag);
        const registration = await registerVersionTag(repo, clientVersionRegistry(connection.client), { tag, commit: created.commit, message: message.trim() }, tags);
        const registered = await connection.client.getVersion(tag);
        const pullRequests = registration.pullRequests.length > 0 ? `, change set with PRs ${registration.pullRequests.map((n) => `#${n}`).join(', ')}` : '';
        log.info(`registered ${tag} (${created.commit.slice(0, 12)}, ${registered.artifacts.length} artifacts${pullRequests}, valid: ${registered.valid})`);
        return { ...registered, pullRequests };
      });
      updates.poke();
      // Nothing else shows a new version until it is deployed: the result says so and offers the next step.
      const deploy = { label: 'Deploy…', command: 'forge.deploy' };
      const pipeline = { label: 'Open Release Pipeline', command: 'forge.showPipeline' };
      if (version.valid)
        void offerFixes(
          vscode.window.showInformationMessage(
            `Forge: ${tag} created and registered (${version.artifacts.length} artifacts${version.pullRequests}).`,
            deploy.label,
            pipeline.label,
          ),
          [deploy, pipeline],
          log,
        );
      else
        void offerFixes(
          vscode.window.showWarningMessage(`Forge: ${tag} is registered but has validation errors; the validation gate will refuse to deploy it.`, pipeline.label),
          [pipeline],
          log,
        );
      return version;
    } catch (error) {
      await reportRefusal('Creating the version failed', error, signedIn, log);
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

/**
 * A version tags the committed HEAD: uncommitted artifact changes are left out, and artifacts with validation
 * errors at HEAD make a version the validation gate refuses to deploy. Both are said in one dialog before
 * anything is tagged; resolves true to go on.
 */
async function acceptWarnings(repo: string, head: string, uncommitted: readonly string[]): Promise<boolean> {
  const validation = validateRepository(await readArtifactsAtCommit(repo, head));
  const invalid = validation.files.filter((file) => file.diagnostics.some((diagnostic) => diagnostic.severity === 'error'));
  const lines: string[] = [];
  if (uncommitted.length > 0) lines.push(`Uncommitted changes the version will not contain: ${listed(uncommitted)}. Commit them first to include them.`);
  if (invalid.length > 0)
    lines.push(
      `Validation errors at HEAD (${validation.errors}) in ${listed(invalid.map((file) => file.path))}: the validation gate will refuse to deploy this version.`,
    );
  if (lines.length === 0) return true;
  const choice = await vscode.window.showWarningMessage(
    'Create a version of HEAD anyway?',
    { modal: true, detail: lines.join('\n\n') },
    'Continue',
    ...(invalid.length > 0 ? ['Show Problems'] : []),
  );
  if (choice === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
  return choice === 'Continue';
}

function listed(paths: readonly string[]): string {
  return paths.length <= 4 ? paths.join(', ') : `${paths.slice(0, 4).join(', ')} and ${paths.length - 4} more`;
}

/**
 * The tag to create: the next tag per bump (the inferred one first, with the changes that call for it), or any
 * semver tag typed into the box (a pre-release like v2.0.0-beta.1). A typed text that is not a tag is said
 * so and cannot be chosen.
 */
async function pickTag(previousTag: string | undefined, diff: SnapshotDiff, existing: ReadonlySet<string>): Promise<string | undefined> {
  const reasons = diff.changes.filter((change) => change.bump === diff.bump).map((change) => `${change.kind} ${change.name}: ${change.change}`);
  const detail =
    reasons.length > 0
      ? reasons.slice(0, 3).join(' · ') + (reasons.length > 3 ? ` · and ${reasons.length - 3} more` : '')
      : 'no artifact changes since the previous version';
  type Item = vscode.QuickPickItem & { choice: TagChoice };
  const proposed: Item[] = proposedTags(previousTag, diff.bump, diff.changes.length).map((choice, index) => ({
    label: choice.tag,
    description: choice.description,
    detail: index === 0 ? detail : undefined,
    choice,
  }));
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = `Forge: Create Version (previous: ${previousTag ?? 'none — this is the first version'})`;
  pick.placeholder = 'Pick a tag, or type any semver tag (e.g. v2.0.0-beta.1)';
  pick.matchOnDetail = true;
  pick.items = proposed;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (tag: string | undefined): void => {
      if (settled) return;
      settled = true;
      resolve(tag);
      pick.dispose();
    };
    pick.onDidChangeValue((value) => {
      const typed = typedTag(value, previousTag, diff.bump, existing);
      const exact = proposed.some((item) => item.label === typed?.tag);
      pick.items = typed && !exact ? [{ label: typed.tag, description: typed.description, alwaysShow: true, choice: typed }, ...proposed] : proposed;
    });
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
      if (chosen?.choice.acceptable) finish(chosen.choice.tag);
    });
    pick.onDidHide(() => finish(undefined));
    pick.show();
  });
}
