import * as vscode from 'vscode';
import type { Environment } from '../../core/api/environment';
import type { DryRun } from '../../core/api/release';
import { localTime, relativeTime } from '../../webviews/shared/timeText';
import type { ForgeLog } from '../logging';
import type { ForgeConnection, ForgeSession } from '../session/forgeSession';
import type { ReleaseUpdates } from '../session/releaseUpdates';
import { environmentNodes } from '../views/environmentsTree';
import type { EnvironmentNode, ReleaseNode } from '../views/releaseNodes';
import { describeFailure, gateFixes, offerFixes } from './fixingActions';
import { pickEnvironment, pickVersion } from './pickers';
import { runRelease } from './releaseProgress';

const deployCommand = 'forge.deploy';
const promoteCommand = 'forge.promote';
const rollbackCommand = 'forge.rollback';
const rollbackToReleaseCommand = 'forge.rollbackToRelease';

/** Where a release command was started: a tree row, or a panel's `{environment, version?}`. */
export type ReleaseCommandTarget = ReleaseNode | { environment: string; version?: string };

/**
 * "Forge: Deploy", "Forge: Promote" and "Forge: Rollback", from the palette, a tree row or a panel. A dry run
 * decides the confirmation: a release a gate would refuse is not offered (the dialog names the failed gates and
 * offers what fixes them); production asks first; anything else starts at once.
 */
export function registerReleaseCommands(session: ForgeSession, updates: ReleaseUpdates, log: ForgeLog): vscode.Disposable[] {
  const guarded = (what: string, action: (connection: ForgeConnection, target?: ReleaseCommandTarget) => Promise<unknown>) => async (target?: ReleaseCommandTarget) => {
    try {
      return await action(session.require(), target);
    } catch (error) {
      log.error(what, error);
      void offerFixes(vscode.window.showErrorMessage(`${what}: ${describeFailure(error)}`, 'Show Logs'), [], log);
      return undefined;
    }
  };

  const rollback = guarded('Rolling back failed', async (connection, target) => {
    const node = await environmentOf(connection, target);
    const environment =
      node?.environment ?? (await pickEnvironment(connection, 'Forge: Rollback — environment', (row) => row.capabilities.canRollback && row.rollbackTarget !== null));
    if (!environment) return undefined;
    const version = versionOf(target) ?? (await pickRollbackVersion(connection, environment));
    if (!version) return undefined;
    const reason = await vscode.window.showInputBox({
      title: `Forge: Roll back ${environment.name} to ${version}`,
      prompt: `${environment.name} runs ${environment.activeVersion ?? 'nothing'} now. Why roll back? (recorded in the audit log)`,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim().length > 0 ? undefined : 'A reason is required'),
    });
    if (!reason) return undefined;
    if (environment.tier === 'production') {
      const confirmed = await vscode.window.showWarningMessage(
        `Roll back production to ${version}?`,
        {
          modal: true,
          detail: `${version} becomes active again at once, replacing ${environment.activeVersion ?? 'nothing'}. Execution history is kept.\n\nReason: ${reason.trim()}`,
        },
        'Roll Back',
      );
      if (confirmed !== 'Roll Back') return undefined;
    }
    return runRelease(`Forge: rolling ${environment.name} back to ${version}`, connection, updates, log, { version, environment }, () =>
      connection.client.rollback(environment.name, { version, reason: reason.trim() }),
    );
  });

  return [
    vscode.commands.registerCommand(
      deployCommand,
      guarded('Deploying failed', async (connection, target) => {
        const given = (await environmentOf(connection, target))?.environment;
        const version =
          versionOf(target) ?? (await pickVersion(connection, `Forge: Deploy${given ? ` to ${given.name}` : ''} — version`, given?.activeVersion ?? undefined));
        if (!version) return undefined;
        const environment = given ?? (await pickEnvironment(connection, `Forge: Deploy ${version} — environment`, (row) => row.capabilities.canDeploy));
        if (!environment) return undefined;
        if (!(await confirmRelease(connection, log, { verb: 'Deploy', version, environment }))) return undefined;
        return runRelease(`Forge: deploying ${version} to ${environment.name}`, connection, updates, log, { version, environment }, () =>
          connection.client.deploy(version, environment.name),
        );
      }),
    ),

    vscode.commands.registerCommand(
      promoteCommand,
      guarded('Promoting failed', async (connection, target) => {
        const node = (await environmentOf(connection, target)) ?? (await pickPromotionTarget(connection));
        if (!node) return undefined;
        const { environment, previous } = node;
        if (!previous?.activeVersion) {
          void vscode.window.showWarningMessage(
            `Forge: nothing to promote to ${environment.name}: ${previous ? `${previous.name} has no active version` : 'it is the first environment of the chain'}.`,
          );
          return undefined;
        }
        const version = previous.activeVersion;
        if (version === environment.activeVersion) {
          void vscode.window.showInformationMessage(`Forge: ${environment.name} already runs ${version}, like ${previous.name}.`);
          return undefined;
        }
        if (!(await confirmRelease(connection, log, { verb: 'Promote', version, environment, from: previous.name }))) return undefined;
        return runRelease(`Forge: promoting ${version} to ${environment.name}`, connection, updates, log, { version, environment }, () =>
          connection.client.promote(environment.name, previous.name),
        );
      }),
    ),

    vscode.commands.registerCommand(rollbackCommand, rollback),
    // The same command on a succeeded release row of the tree: that row's version is the one restored.
    vscode.commands.registerCommand(rollbackToReleaseCommand, rollback),
  ];
}

/** The environment row a command was started on, read fresh (a panel names it; a tree row may be stale). */
async function environmentOf(connection: ForgeConnection, target: ReleaseCommandTarget | undefined): Promise<EnvironmentNode | undefined> {
  if (!target) return undefined;
  const name = 'kind' in target ? (target.kind === 'message' ? undefined : target.environment.name) : target.environment;
  if (!name) return undefined;
  const node = (await environmentNodes(connection)).find((row) => row.environment.name === name);
  if (!node) throw new Error(`there is no environment "${name}"`);
  return node;
}

function versionOf(target: ReleaseCommandTarget | undefined): string | undefined {
  if (!target) return undefined;
  if (!('kind' in target)) return target.version;
  return target.kind === 'release' ? target.release.version : undefined;
}

async function pickPromotionTarget(connection: ForgeConnection): Promise<EnvironmentNode | undefined> {
  const nodes = (await environmentNodes(connection)).filter(
    (row) => row.capabilities.canPromote && row.previous?.activeVersion && row.previous.activeVersion !== row.environment.activeVersion,
  );
  if (nodes.length === 0) {
    void vscode.window.showInformationMessage('Forge: nothing to promote — no environment you may deploy to is behind the one before it.');
    return undefined;
  }
  const choice = await vscode.window.showQuickPick(
    nodes.map((node) => ({
      label: node.environment.name,
      description: `${node.previous?.activeVersion} from ${node.previous?.name}`,
      detail: `runs ${node.environment.activeVersion ?? 'nothing'} now`,
      node,
    })),
    { title: 'Forge: Promote — to which environment', placeHolder: 'Environment' },
  );
  return choice?.node;
}

interface ReleaseQuestion {
  verb: 'Deploy' | 'Promote';
  version: string;
  environment: Environment;
  from?: string;
}

/**
 * Asks the service for a dry run and decides what the user sees: a refusal names every failed gate and offers
 * only the actions that fix them; a production release (or one that will wait for reviewers) is confirmed with
 * its gates and plan; anything else goes ahead without a dialog. Resolves true to go ahead.
 */
async function confirmRelease(connection: ForgeConnection, log: ForgeLog, { verb, version, environment, from }: ReleaseQuestion): Promise<boolean> {
  const dryRun = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Forge: checking the gates of ${environment.name}` }, () =>
    connection.client.dryRun(version, environment.name),
  );
  const what = `${verb} ${version}${from ? ` from ${from}` : ''} to ${environment.name}`;
  if (!dryRun.wouldPass) {
    const fixes = gateFixes(dryRun.gates, { version, environment: environment.name });
    log.info(`${what}: the dry run says a gate refuses it`);
    await offerFixes(
      vscode.window.showErrorMessage(
        `${what} cannot go ahead: a quality gate refuses it.`,
        { modal: true, detail: planDetail(dryRun) },
        ...fixes.map((fix) => fix.label),
      ),
      fixes,
      log,
    );
    return false;
  }
  if (environment.tier !== 'production' && !dryRun.needsApproval) return true;
  const action = dryRun.needsApproval ? 'Request Approval' : verb;
  const question = dryRun.needsApproval ? `${what}? It then waits for reviewers.` : `${what}?`;
  return (await vscode.window.showWarningMessage(question, { modal: true, detail: planDetail(dryRun) }, action)) === action;
}

/** The dry run's gates and artifact plan as a dialog's detail text. */
function planDetail(dryRun: DryRun): string {
  // An approvals gate that holds the release for reviewers passes, but nothing is approved yet: shown as waiting.
  const gates = dryRun.gates.map((gate) => `${gate.awaitsApproval ? '…' : gate.passed ? '✓' : '✗'} ${gate.gate}: ${gate.reason}`);
  const { added, changed, removed } = dryRun.plan;
  const names = (entries: { kind: string; name: string }[]) => entries.map((entry) => `${entry.kind} ${entry.name}`).join(', ') || 'none';
  return [
    'Gates:',
    ...(gates.length > 0 ? gates : ['(none configured)']),
    '',
    `Plan: ${added.length} added, ${changed.length} changed, ${removed.length} removed`,
    `Added: ${names(added)}`,
    `Changed: ${names(changed)}`,
    `Removed: ${names(removed)}`,
  ].join('\n');
}

/** The versions this environment ran successfully before, newest first, the current one left out. */
async function pickRollbackVersion(connection: ForgeConnection, environment: Environment): Promise<string | undefined> {
  const releases = (await connection.client.listReleases({ environment: environment.name, status: 'succeeded', limit: 50 })).items;
  const seen = new Set<string>([environment.activeVersion ?? '']);
  const items: vscode.QuickPickItem[] = [];
  for (const release of releases) {
    if (seen.has(release.version)) continue;
    seen.add(release.version);
    const since = release.finishedAt ?? release.requestedAt;
    items.push({ label: release.version, description: `${release.kind} by ${release.requestedBy}`, detail: `active from ${relativeTime(since)} (${localTime(since)})` });
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage(`Forge: ${environment.name} has no earlier successful version to roll back to.`);
    return undefined;
  }
  const choice = await vscode.window.showQuickPick(items, {
    title: `Forge: Rollback ${environment.name} (now ${environment.activeVersion ?? 'none'})`,
    placeHolder: 'Version to restore',
  });
  return choice?.label;
}
