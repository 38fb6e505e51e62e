import * as vscode from 'vscode';

/** Files that started or stopped being shown in an editor tab. */
export interface TabbedFilesChange {
  opened: vscode.Uri[];
  closed: vscode.Uri[];
}

function tabUri(tab: vscode.Tab): vscode.Uri | undefined {
  if (tab.input instanceof vscode.TabInputText) return tab.input.uri;
  if (tab.input instanceof vscode.TabInputTextDiff) return tab.input.modified;
  return undefined;
}

/**
 * Which files the user has open in editor tabs. Diagnostics follow these rather than the documents VS Code
 * keeps loaded: a document stays loaded (and `onDidCloseTextDocument` stays silent) for minutes after its last
 * editor closed, and extensions load documents nobody looks at.
 */
export class EditorTabs implements vscode.Disposable {
  private shown = EditorTabs.scan();
  private readonly emitter = new vscode.EventEmitter<TabbedFilesChange>();
  private readonly subscriptions: vscode.Disposable[];
  readonly onDidChange = this.emitter.event;

  constructor() {
    const update = (): void => this.update();
    this.subscriptions = [vscode.window.tabGroups.onDidChangeTabs(update), vscode.window.tabGroups.onDidChangeTabGroups(update)];
  }

  shownUris(): vscode.Uri[] {
    return [...this.shown.values()];
  }

  isShown(uri: vscode.Uri): boolean {
    return this.shown.has(uri.toString());
  }

  private static scan(): Map<string, vscode.Uri> {
    const shown = new Map<string, vscode.Uri>();
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) {
        const uri = tabUri(tab);
        if (uri) shown.set(uri.toString(), uri);
      }
    }
    return shown;
  }

  private update(): void {
    const before = this.shown;
    this.shown = EditorTabs.scan();
    const opened = [...this.shown].filter(([key]) => !before.has(key)).map(([, uri]) => uri);
    const closed = [...before].filter(([key]) => !this.shown.has(key)).map(([, uri]) => uri);
    if (opened.length > 0 || closed.length > 0) this.emitter.fire({ opened, closed });
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.emitter.dispose();
  }
}
