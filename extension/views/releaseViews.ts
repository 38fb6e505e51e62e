import * as vscode from 'vscode';

export const environmentsViewId = 'forge.environments';
export const approvalsViewId = 'forge.approvals';

/**
 * The view containers' trees before the service client exists: empty, so each view shows its welcome content
 * (chosen by the `forge.connection` context key). The environment and approval trees replace these providers.
 */
class EmptyTree implements vscode.TreeDataProvider<never> {
  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }

  getChildren(): never[] {
    return [];
  }
}

/** Registers the Environments and Approvals views. */
export function registerReleaseViews(): vscode.Disposable[] {
  return [
    vscode.window.createTreeView(environmentsViewId, { treeDataProvider: new EmptyTree() }),
    vscode.window.createTreeView(approvalsViewId, { treeDataProvider: new EmptyTree() }),
  ];
}
