import * as vscode from 'vscode';
import type { ForgeLog } from '../logging';
import type { ForgeSession } from '../session/forgeSession';
import type { ReleaseUpdates } from '../session/releaseUpdates';
import { TeamTree } from '../team/teamTree';
import { ApprovalsTree } from './approvalsTree';
import { DecisionBadge } from './decisionBadge';
import { EnvironmentsTree } from './environmentsTree';

const environmentsViewId = 'forge.environments';
const approvalsViewId = 'forge.approvals';
const teamViewId = 'forge.team';

/** The two trees of the "Forge Releases" container, for commands that refresh them or read their rows. */
export interface ReleaseViews {
  refresh(): void;
  /** The TreeItems a view shows now under the row labelled `parentLabel` (none: its top rows). */
  treeItems: (view: 'environments' | 'approvals' | 'team', parentLabel?: string) => Promise<vscode.TreeItem[]>;
  /** The number on the Approvals view's badge: releases waiting for the signed-in user's decision. */
  decisionBadge: () => number;
}

/**
 * Registers the Environments and Approvals views. While signed out they have no rows, so each shows its
 * welcome content (chosen by the `forge.connection` context key).
 */
export function registerReleaseViews(session: ForgeSession, updates: ReleaseUpdates, log: ForgeLog): { views: ReleaseViews; disposables: vscode.Disposable[] } {
  const environments = new EnvironmentsTree(session, updates, log);
  const approvals = new ApprovalsTree(session, updates, log);
  const environmentsView = vscode.window.createTreeView(environmentsViewId, { treeDataProvider: environments, showCollapseAll: true });
  const approvalsView = vscode.window.createTreeView(approvalsViewId, { treeDataProvider: approvals });
  const badge = new DecisionBadge(approvalsView, session, updates, log);
  const team = new TeamTree(session, updates, log);
  const teamView = vscode.window.createTreeView(teamViewId, { treeDataProvider: team });
  const views: ReleaseViews = {
    refresh: () => {
      environments.refresh();
      approvals.refresh();
      team.refresh();
    },
    treeItems: async (view, parentLabel) => {
      const provider: vscode.TreeDataProvider<unknown> = view === 'environments' ? environments : view === 'approvals' ? approvals : team;
      return rowsUnder(provider, parentLabel, view);
    },
    decisionBadge: () => badge.value,
  };
  return { views, disposables: [environments, approvals, environmentsView, approvalsView, badge, team, teamView] };
}

/** The TreeItems under the row labelled `parentLabel` (searched depth-first), or the top rows. */
async function rowsUnder(provider: vscode.TreeDataProvider<unknown>, parentLabel: string | undefined, view: string): Promise<vscode.TreeItem[]> {
  const children = async (node?: unknown): Promise<unknown[]> => (await provider.getChildren(node)) ?? [];
  // Resolved as a hover resolves them, so the tooltips read on demand are there too.
  const resolved = async (node: unknown): Promise<vscode.TreeItem> => {
    const item = await provider.getTreeItem(node);
    return provider.resolveTreeItem ? ((await provider.resolveTreeItem(item, node, new vscode.CancellationTokenSource().token)) ?? item) : item;
  };
  const items = async (nodes: unknown[]): Promise<vscode.TreeItem[]> => Promise.all(nodes.map(resolved));
  const roots = await children();
  if (parentLabel === undefined) return items(roots);
  const queue = [...roots];
  while (queue.length > 0) {
    const node = queue.shift();
    const item = await provider.getTreeItem(node);
    if (item.label === parentLabel) return items(await children(node));
    if (item.collapsibleState !== vscode.TreeItemCollapsibleState.None) queue.push(...(await children(node)));
  }
  throw new Error(`no row "${parentLabel}" in the ${view} view`);
}
