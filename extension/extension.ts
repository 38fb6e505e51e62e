import * as vscode from 'vscode';
import { registerShowLogs } from './commands/showLogs';
import { registerValidateWorkspace } from './commands/validateWorkspace';
import { setConnectionState } from './connectionState';
import { ForgeLog } from './logging';
import { ArtifactDiagnostics } from './validation/artifactDiagnostics';
import { EditorTabs } from './validation/editorTabs';
import { QuickFixProvider } from './validation/quickFixProvider';
import { WorkspaceArtifacts } from './validation/workspaceArtifacts';
import { registerReleaseViews } from './views/releaseViews';

const artifactDocuments: vscode.DocumentSelector = [
  { scheme: 'file', language: 'json' },
  { scheme: 'file', language: 'jsonc' },
];

/** Composition root: builds the services in order and hands every disposable to the context. */
export function activate(context: vscode.ExtensionContext): void {
  const log = new ForgeLog();
  context.subscriptions.push(log, registerShowLogs(log));
  log.info(`Forge Releases ${String(context.extension.packageJSON.version)} activating`);

  const tabs = new EditorTabs();
  const artifacts = new WorkspaceArtifacts(tabs, log);
  const diagnostics = new ArtifactDiagnostics(artifacts, tabs, log);
  context.subscriptions.push(
    tabs,
    artifacts,
    diagnostics,
    vscode.languages.registerCodeActionsProvider(artifactDocuments, new QuickFixProvider(diagnostics), QuickFixProvider.metadata),
    registerValidateWorkspace(diagnostics, log),
    ...registerReleaseViews(),
  );

  // Nothing is signed in yet: the release views show their welcome content until a session exists.
  void setConnectionState('signedOut');
  diagnostics.start().catch((error: unknown) => log.reportFailure('Reading the workflow repository failed', error));
}

/** Nothing to do: everything is released through context.subscriptions. */
export function deactivate(): void {}
