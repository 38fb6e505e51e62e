import * as vscode from 'vscode';
import { capabilityContextValue, type EnvironmentCapabilities } from '../../core/access/capabilities';
import type { Approval } from '../../core/api/approval';
import type { Environment } from '../../core/api/environment';
import type { Evaluation } from '../../core/api/evaluation';
import { gatewayDifferences, type SyncState } from '../../core/api/gatewaySync';
import type { Release } from '../../core/api/release';
import { endedUnapproved, releaseOutcome } from '../../core/api/releaseOutcome';
import { activeFreeze, describeFreezeWindow } from '../../core/gates/freezeWindows';
import { checkText, latestChecks, verificationHeadline } from '../../core/verification/verificationText';
import { localTime, relativeTime } from '../../webviews/shared/timeText';
import type { ForgeConnection } from '../session/forgeSession';

/** Opens the release details panel of a release (argument: release id). */
const openReleaseCommand = 'forge.openRelease';

/** A row of the release views; each kind builds its own TreeItem. */
export type ReleaseNode =
  | {
      kind: 'environment';
      environment: Environment;
      capabilities: EnvironmentCapabilities;
      /** The newest version that succeeded here before the active one: what a rollback restores (null: nothing). */
      rollbackTarget: string | null;
      /** The previous environment of the chain (null for the first): where a promotion comes from. */
      previous: Environment | null;
    }
  | { kind: 'approval'; approval: Approval; environment: Environment; capabilities: EnvironmentCapabilities }
  | { kind: 'release'; release: Release; environment: Environment; capabilities: EnvironmentCapabilities; active: boolean }
  | { kind: 'message'; text: string; detail?: string };

/** The environment, release or approval a command was invoked on from a tree. */
export type EnvironmentNode = Extract<ReleaseNode, { kind: 'environment' }>;
export type ApprovalNode = Extract<ReleaseNode, { kind: 'approval' }>;

/** Builds the TreeItem of any node. */
export function releaseTreeItem(node: ReleaseNode): vscode.TreeItem {
  switch (node.kind) {
    case 'environment':
      return environmentItem(node);
    case 'approval':
      return approvalItem(node);
    case 'release':
      return releaseItem(node);
    case 'message': {
      const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      item.tooltip = node.detail;
      item.contextValue = 'forge:message';
      return item;
    }
  }
}

function environmentItem({ environment, capabilities, rollbackTarget, previous }: EnvironmentNode): vscode.TreeItem {
  const item = new vscode.TreeItem(environment.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `environment:${environment.name}`;
  const freeze = activeFreeze(environment.freezeWindows, new Date());
  const parts = [environment.activeVersion ?? 'no version'];
  if (isOutOfSync(environment)) parts.push(environment.sync.state);
  if (environment.pendingApprovals > 0) parts.push(`${environment.pendingApprovals} awaiting approval`);
  if (freeze) parts.push('frozen');
  const verification = environment.lastRelease?.verification;
  if (verification) parts.push(verificationHeadline(verification, new Date()));
  else if (environment.lastRelease && isAutomaticRollback(environment.lastRelease)) parts.push('rolled back: verification failed');
  item.description = parts.join(' · ');
  item.iconPath = environmentIcon(environment);
  // The role alone does not make an action possible: a rollback needs an earlier version to restore, a
  // promotion a version in the previous environment that this one does not run yet. Reconciling needs gateways.
  const promotable = previous?.activeVersion != null && previous.activeVersion !== environment.activeVersion;
  const flags = capabilityContextValue('forge:environment', {
    ...capabilities,
    canPromote: capabilities.canPromote && promotable,
    canRollback: capabilities.canRollback && rollbackTarget !== null,
  });
  item.contextValue = `${flags}${environment.gateways.length > 0 ? '+hasGateways' : ''}${isOutOfSync(environment) ? '+outOfSync' : ''}`;
  const last = environment.lastRelease;
  item.tooltip = new vscode.MarkdownString(
    [
      `**${environment.name}** (${environment.tier}) — ${environment.purpose}`,
      `Active version: ${environment.activeVersion ?? 'none'}`,
      last
        ? `Last release: ${last.version} (${last.kind}) ${statusText(last)}${endedUnapproved(last) ? ', nothing deployed' : ''}, ${localTime(last.requestedAt)} by ${last.requestedBy}`
        : 'No release yet',
      rollbackTarget ? `Rollback restores ${rollbackTarget}` : 'Nothing to roll back to yet',
      freeze
        ? `$(lock) Deploy freeze in force: ${describeFreezeWindow(freeze)}`
        : `Freeze windows: ${environment.freezeWindows.length === 0 ? 'none' : environment.freezeWindows.map(describeFreezeWindow).join('; ')}`,
      `Deploys: ${environment.deployRole} and above`,
      ...syncTooltip(environment),
      ...(verification ? verificationTooltip(verification) : []),
    ].join('\n\n'),
    true,
  );
  return item;
}

/** Whether the last check found a gateway that does not serve the active version (or could not reach one). */
function isOutOfSync(environment: Environment): boolean {
  return environment.sync.state === 'drifted' || environment.sync.state === 'unreachable';
}

const syncIcons: Record<SyncState, string> = { 'in-sync': '$(pass)', drifted: '$(warning)', unreachable: '$(debug-disconnect)', unknown: '$(question)' };

/** The tooltip's gateway section: the environment's sync state, then each gateway with what differs there. */
function syncTooltip({ gateways, sync, reconcile }: Environment): string[] {
  if (gateways.length === 0) return [];
  const checked = sync.checkedAt ? `checked ${relativeTime(sync.checkedAt)}` : 'not checked yet';
  const heading = `**Gateways: ${sync.state}** (${checked}; ${reconcile === 'auto' ? 'drift is healed by itself' : 'drift is only reported'})`;
  const rows = sync.gateways.map((gateway) => {
    const lists = gatewayDifferences(gateway);
    const detail = gateway.state !== 'in-sync' && gateway.detail && lists.length === 0 ? [gateway.detail] : [];
    return `- ${syncIcons[gateway.state]} ${gateway.type} ${gateway.url} — ${[gateway.state, ...lists, ...detail].join('; ')}`;
  });
  return [heading, rows.join('\n')];
}

function approvalItem({ approval, capabilities }: ApprovalNode): vscode.TreeItem {
  const { release } = approval;
  const item = new vscode.TreeItem(`${release.version} → ${release.environment}`, vscode.TreeItemCollapsibleState.None);
  item.id = `approval:${release.id}`;
  item.description = `${approval.approvals} of ${approval.required} approvals · ${release.requestedBy} · ${relativeTime(release.requestedAt)}`;
  item.iconPath = new vscode.ThemeIcon('watch', new vscode.ThemeColor('charts.yellow'));
  // The tooltip is left to resolveVersionTooltip: it reads the version's evaluations when the row is hovered.
  // The service's own verdict (self-approval, already decided, not a reviewer) decides whether Approve shows.
  item.contextValue = capabilityContextValue('forge:approval', { ...capabilities, canApprove: approval.canDecide });
  item.command = { command: openReleaseCommand, title: 'Open Release Details', arguments: [release.id] };
  return item;
}

const refusalText: Record<NonNullable<Approval['refusal']>, string> = {
  self_approval: 'you requested this release',
  not_reviewer: 'you are not a reviewer of this environment',
  already_decided: 'you already decided',
  approval_closed: 'the approval is closed',
};

function releaseItem({ release, capabilities, environment, active }: Extract<ReleaseNode, { kind: 'release' }>): vscode.TreeItem {
  const item = new vscode.TreeItem(release.version, vscode.TreeItemCollapsibleState.None);
  item.id = `release:${release.id}`;
  const verification = release.verification;
  const verifying = verification ? ` · ${verificationHeadline(verification, new Date())}` : '';
  item.description = `${active ? 'active · ' : ''}${release.kind} · ${release.requestedBy} · ${relativeTime(release.requestedAt)} · ${statusText(release)}${verifying}`;
  item.iconPath = active && !verification ? new vscode.ThemeIcon('circle-large-filled', new vscode.ThemeColor('testing.iconPassed')) : releaseIcon(release);
  // The tooltip is left to resolveVersionTooltip: it reads the version's evaluations when the row is hovered.
  item.command = { command: openReleaseCommand, title: 'Open Release Details', arguments: [release.id] };
  // Rolling back to a release is offered only for a succeeded one that is not already active.
  const restorable = release.status === 'succeeded' && release.version !== environment.activeVersion;
  item.contextValue = capabilityContextValue(`forge:release:${release.status}`, { ...capabilities, canRollback: capabilities.canRollback && restorable });
  return item;
}

/** A release or approval row: a version the tooltip tells about, its latest evaluation per suite included. */
export type VersionNode = Extract<ReleaseNode, { kind: 'release' | 'approval' }>;

/**
 * The tooltip of a release or approval row: the release, and the latest evaluation result per suite of its
 * version (null: they could not be read).
 */
export function versionTooltip(node: VersionNode, evaluations: readonly Evaluation[] | null): vscode.MarkdownString {
  const lines = node.kind === 'approval' ? approvalLines(node.approval) : releaseLines(node.release, node.active);
  const { version } = node.kind === 'approval' ? node.approval.release : node.release;
  lines.splice(lines.length - 1, 0, ...evaluationLines(version, evaluations));
  return new vscode.MarkdownString(lines.join('\n\n'), true);
}

function approvalLines(approval: Approval): string[] {
  const { release } = approval;
  return [
    `**${release.kind}** of ${release.version} to ${release.environment}, requested by ${release.requestedBy}`,
    `Requested ${localTime(release.requestedAt)}`,
    `${approval.approvals} of ${approval.required} approvals from ${approval.policy.reviewers.join(' or ')}; expires ${relativeTime(approval.expiresAt)} (${localTime(approval.expiresAt)})`,
    approval.canDecide ? 'You may approve or reject it.' : `You cannot decide: ${refusalText[approval.refusal ?? 'approval_closed']}.`,
    'Click to open its details.',
  ];
}

function releaseLines(release: Release, active: boolean): string[] {
  const verification = release.verification;
  const lines = [
    `**${release.kind}** of ${release.version} to ${release.environment}: ${statusText(release)}${active ? ` — ${release.version} is active here` : ''}`,
    `Requested by ${release.requestedBy}, ${localTime(release.requestedAt)}`,
  ];
  if (release.finishedAt) lines.push(`Finished ${localTime(release.finishedAt)}`);
  if (release.reason) lines.push(`Reason: ${release.reason}`);
  if (isAutomaticRollback(release)) lines.push('Started by Forge when the verification of the version before failed.');
  if (verification) lines.push(...verificationTooltip(verification));
  lines.push('Click to open its details.');
  return lines;
}

/**
 * Fills in the tooltip of a release or approval row when it is hovered (`TreeDataProvider.resolveTreeItem`):
 * reading the version's evaluations then keeps the tree's own loads to one request per environment.
 */
export async function resolveVersionTooltip(connection: ForgeConnection | undefined, item: vscode.TreeItem, node: ReleaseNode): Promise<vscode.TreeItem> {
  if (node.kind !== 'release' && node.kind !== 'approval') return item;
  const version = node.kind === 'approval' ? node.approval.release.version : node.release.version;
  let evaluations: Evaluation[] | null = null;
  try {
    evaluations = connection ? (await connection.client.listEvaluations(version, { limit: 100 })).items : null;
  } catch {
    // The tooltip says it could not read them; the row itself stays as it is.
  }
  item.tooltip = versionTooltip(node, evaluations);
  return item;
}

/** `$(beaker) claims-routing: accuracy 0.93 · p95_ms 1800 — dave, 5 min. ago`, one line per suite (and environment). */
function evaluationLines(version: string, evaluations: readonly Evaluation[] | null): string[] {
  if (evaluations === null) return [`Evaluations of ${version} could not be read`];
  const latest = evaluations.filter((evaluation) => evaluation.latest);
  if (latest.length === 0) return [`No evaluation reported for ${version}`];
  return [
    `Latest evaluations of ${version}:`,
    ...latest.map((evaluation) => {
      const metrics = Object.entries(evaluation.metrics)
        .map(([name, value]) => `${name} ${value}`)
        .join(' · ');
      const where = evaluation.environment ? ` (${evaluation.environment})` : '';
      return `$(beaker) ${evaluation.suite}${where}: ${metrics} — ${evaluation.reportedBy}, ${relativeTime(evaluation.reportedAt)}`;
    }),
  ];
}

/** "succeeded", "failed", "in progress", "waiting for approval", "rejected", …: a rejected release is no failed deploy. */
export function statusText(release: Release): string {
  return releaseOutcome(release);
}

/**
 * The verification window in a tooltip: its state, how it ended, and the newest check of each metric
 * (`✓ job-failure-ratio 0.012 (max 0.05)`), each on its own line.
 */
function verificationTooltip(verification: NonNullable<Release['verification']>): string[] {
  const headline = verificationHeadline(verification, new Date());
  const count = `${verification.checks.length} ${verification.checks.length === 1 ? 'check' : 'checks'}`;
  const lines = [`**Verification:** ${headline}, ${count}${verification.reason ? ` — ${verification.reason}` : ''}`];
  const latest = latestChecks(verification).map((check) => `\`${checkText(check).replace(/`/g, "'")}\``);
  if (latest.length > 0) lines.push(latest.join('  \n'));
  return lines;
}

/** A rollback the service started itself after a verification window failed. */
function isAutomaticRollback(release: Release): boolean {
  return release.kind === 'rollback' && release.requestedBy === 'system';
}

function environmentIcon(environment: Environment): vscode.ThemeIcon {
  // A running release says more than the last check; otherwise gateways that do not serve the version come first.
  if (environment.lastRelease?.status === 'in-progress') return releaseIcon(environment.lastRelease);
  if (environment.sync.state === 'unreachable') return new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('errorForeground'));
  if (environment.sync.state === 'drifted') return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  if (environment.lastRelease) return releaseIcon(environment.lastRelease);
  return new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('disabledForeground'));
}

function releaseIcon(release: Release): vscode.ThemeIcon {
  // Nothing was deployed: the environment runs what it ran before, so this is no failure to flag in red.
  if (endedUnapproved(release)) return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
  const verification = release.status === 'succeeded' ? release.verification?.state : undefined;
  if (verification === 'running') return new vscode.ThemeIcon('pulse', new vscode.ThemeColor('charts.blue'));
  if (verification === 'failed') return new vscode.ThemeIcon('warning', new vscode.ThemeColor('testing.iconFailed'));
  if (verification === 'inconclusive') return new vscode.ThemeIcon('question', new vscode.ThemeColor('charts.yellow'));
  if (release.status === 'succeeded') return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'));
  if (release.status === 'failed') return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
  if (release.status === 'in-progress') return new vscode.ThemeIcon('sync~spin', new vscode.ThemeColor('charts.blue'));
  if (release.approval === 'waiting') return new vscode.ThemeIcon('watch', new vscode.ThemeColor('charts.yellow'));
  return new vscode.ThemeIcon('clock', new vscode.ThemeColor('charts.yellow'));
}
