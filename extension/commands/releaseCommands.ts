import * as vscode from 'vscode';
import type { Environment } from '../../core/api/environment';
import type { DryRun } from '../../core/api/release';
import type { ForgeLog } from '../logging';
import type { ForgeConnection, ForgeSession } from '../session/forgeSession';
import type { ReleaseUpdates } from '../session/releaseUpdates';
import { environmentNodes } from '../views/environmentsTree';
import type { ReleaseNode } from '../views/releaseNodes';
import { pickEnvironment, pickVersion } from './pickers';
import { describeFailure, runRelease } from './releaseProgress';

const deployCommand = 'forge.deploy';
const promoteCommand = 'forge.promote';
const rollbackCommand = 'forge.rollback';
const rollbackToReleaseCommand = 'forge.rollbackToRelease';

/** "Forge: Deploy", "Forge: Promote" and "Forge: Rollback", from the palette or an environment's context menu. */
export function registerReleaseCommands(session: ForgeSession, updates: ReleaseUpdates, log: ForgeLog): vscode.Disposable[] {
  const guarded = (what: string, action: (connection: ForgeConnection, node?: ReleaseNode) => Promise<unknown>) => async (node?: ReleaseNode) => {
    try {
      return await action(session.require(), node);
    } catch (error) {
      void log.reportFailure(what, new Error(describeFailure(error)));
      return undefined;
    }
  };

  const rollback = guarded('Rolling back failed', async (connection, node) => {
    const target = node?.kind === 'environment' || node?.kind === 'release' ? node.environment : await pickEnvironment(connection, 'Forge: Rollback — environment', (row) => row.capabilities.canRollback && row.environment.activeVersion !== null);
    if (!target) return undefined;
    const version = node?.kind === 'release' ? node.release.version : await pickRollbackVersion(connection, target);
    if (!version) return undefined;
    const reason = await vscode.window.showInputBox({
      title: `Forge: Rollback ${target.name} to ${version}`,
      prompt: 'Why? (recorded in the audit log)',
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim().length > 0 ? undefined : 'A reason is required'),
    });
    if (!reason) return undefined;
    return runRelease(`Forge: rolling ${target.name} back to ${version}`, connection, updates, log, () => connection.client.rollback(target.name, { version, reason: reason.trim() }));
  });

  return [
    vscode.commands.registerCommand(deployCommand, guarded('Deploying failed', async (connection, node) => {
      const fromTree = node?.kind === 'environment' ? node.environment : undefined;
      const version = await pickVersion(connection, `Forge: Deploy${fromTree ? ` to ${fromTree.name}` : ''} — version`, fromTree?.activeVersion ?? undefined);
      if (!version) return undefined;
      const environment = fromTree ?? (await pickEnvironment(connection, `Forge: Deploy ${version} — environment`, (row) => row.capabilities.canDeploy));
      if (!environment) return undefined;
      const plan = await connection.client.dryRun(version, environment.name);
      if (!(await confirmPlan(`Deploy ${version} to ${environment.name}?`, plan, 'Deploy'))) return undefined;
      return runRelease(`Forge: deploying ${version} to ${environment.name}`, connection, updates, log, () => connection.client.deploy(version, environment.name));
    })),

    vscode.commands.registerCommand(promoteCommand, guarded('Promoting failed', async (connection, node) => {
      const target = node?.kind === 'environment' ? node.environment : await pickEnvironment(connection, 'Forge: Promote — to which environment', (row) => row.capabilities.canPromote && row.environment.order > 0);
      if (!target) return undefined;
      const source = await previousEnvironment(connection, target);
      if (!source?.activeVersion) {
        void vscode.window.showWarningMessage(`Forge: nothing to promote to ${target.name}: ${source ? `${source.name} has no active version` : 'it is the first environment of the chain'}.`);
        return undefined;
      }
      const version = source.activeVersion;
      const plan = await connection.client.dryRun(version, target.name);
      if (!(await confirmPlan(`Promote ${version} from ${source.name} to ${target.name}?`, plan, 'Promote'))) return undefined;
      return runRelease(`Forge: promoting ${version} to ${target.name}`, connection, updates, log, () => connection.client.promote(target.name, source.name));
    })),

    vscode.commands.registerCommand(rollbackCommand, rollback),
    // The same command on a succeeded release row of the tree: that row's version is the one restored.
    vscode.commands.registerCommand(rollbackToReleaseCommand, rollback),
  ];
}

/** Shows the dry run's gates and plan in a modal; resolves true when the user confirms. */
async function confirmPlan(question: string, dryRun: DryRun, action: string): Promise<boolean> {
  // An approvals gate that holds the release for reviewers passes, but nothing is approved yet: shown as waiting.
  const gates = dryRun.gates.map((gate) => `${gate.awaitsApproval ? '…' : gate.passed ? '✓' : '✗'} ${gate.gate}: ${gate.reason}`);
  const { added, changed, removed } = dryRun.plan;
  const names = (entries: { kind: string; name: string }[]) => entries.map((entry) => `${entry.kind} ${entry.name}`).join(', ') || 'none';
  const detail = [
    'Gates:',
    ...(gates.length > 0 ? gates : ['(none configured)']),
    '',
    `Plan: ${added.length} added, ${changed.length} changed, ${removed.length} removed`,
    `Added: ${names(added)}`,
    `Changed: ${names(changed)}`,
    `Removed: ${names(removed)}`,
    ...(dryRun.wouldPass ? [] : ['', 'A gate fails: the service will refuse this release.']),
  ].join('\n');
  const choice = await vscode.window.showWarningMessage(question, { modal: true, detail }, dryRun.wouldPass ? action : `${action} Anyway`);
  return choice !== undefined;
}

async function previousEnvironment(connection: ForgeConnection, target: Environment): Promise<Environment | undefined> {
  const chain = (await environmentNodes(connection)).map((node) => node.environment).sort((a, b) => a.order - b.order);
  return chain.filter((environment) => environment.order < target.order).pop();
}

/** The versions this environment ran successfully before, newest first, the current one left out. */
async function pickRollbackVersion(connection: ForgeConnection, environment: Environment): Promise<string | undefined> {
  const releases = (await connection.client.listReleases({ environment: environment.name, status: 'succeeded', limit: 50 })).items;
  const seen = new Set<string>([environment.activeVersion ?? '']);
  const items: vscode.QuickPickItem[] = [];
  for (const release of releases) {
    if (seen.has(release.version)) continue;
    seen.add(release.version);
    items.push({ label: release.version, description: `${release.kind} by ${release.requestedBy}`, detail: `active from ${release.finishedAt ?? release.requestedAt}` });
  }
  if (items.length === 0) {
    void vscode.window.showWarningMessage(`Forge: ${environment.name} has no earlier successful version to roll back to.`);
    return undefined;
  }
  const choice = await vscode.window.showQuickPick(items, { title: `Forge: Rollback ${environment.name} (now ${environment.activeVersion ?? 'none'})`, placeHolder: 'Version to restore' });
  return choice?.label;
}
