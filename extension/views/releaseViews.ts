import * as vscode from 'vscode';
import type { ForgeLog } from '../logging';
import type { ForgeSession } from '../session/forgeSession';
import type { ReleaseUpdates } from '../session/releaseUpdates';
import { ApprovalsTree } from './approvalsTree';
import { EnvironmentsTree } from './environmentsTree';

const environmentsViewId = 'forge.environments';
const approvalsViewId = 'forge.approvals';

/** The two trees of the "Forge Releases" container, for commands that refresh them or read their rows. */
export interface ReleaseViews {
  refresh(): void;
  /** The TreeItems a view shows now under the row labelled `parentLabel` (none: its top rows). */
  treeItems(view: 'environments' | 'approvals', parentLabel?: string): Promise<vscode.TreeItem[]>;
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
  const views: ReleaseViews = {
    refresh: () => {
      environments.refresh();
      approvals.refresh();
    },
    treeItems: async (view, parentLabel) => {
      const provider = view === 'environments' ? environments : approvals;
      const roots = await provider.getChildren();
      if (parentLabel === undefined) return roots.map((node) => provider.getTreeItem(node));
      const parent = roots.find((node) => provider.getTreeItem(node).label === parentLabel);
      if (!parent) throw new Error(`no row "${parentLabel}" in the ${view} view`);
      return (await provider.getChildren(parent)).map((node) => provider.getTreeItem(node));
    },
  };
  return { views, disposables: [environments, approvals, environmentsView, approvalsView] };
}
