import * as vscode from 'vscode';
import { registerApprovalCommands } from './commands/approvalCommands';
import { registerAuditLog } from './audit/auditPanel';
import { registerCreateVersion } from './commands/createVersion';
import { registerExportReport } from './commands/exportReport';
import { registerGetStarted } from './commands/getStarted';
import { registerReconcileCommand } from './commands/reconcileCommand';
import { registerRefresh } from './commands/refresh';
import { registerReleaseCommands } from './commands/releaseCommands';
import { registerReportCheck } from './commands/reportCheck';
import { registerReportEvaluation } from './commands/reportEvaluation';
import { registerSessionCommands } from './commands/sessionCommands';
import { registerShowLogs } from './commands/showLogs';
import { registerValidateWorkspace } from './commands/validateWorkspace';
import { registerTeamCommands } from './team/teamCommands';
import { registerPipeline } from './pipeline/pipelinePanel';
import { registerReleaseDetails } from './releaseDetails/registerReleaseDetails';
import { type ForgeExtensionApi, forgeExtensionApi } from './extensionApi';
import { ForgeLog } from './logging';
import { ConnectionWatch } from './session/connectionWatch';
import { EmbeddedService } from './session/embeddedService';
import { ForgeSession } from './session/forgeSession';
import { ReleaseUpdates } from './session/releaseUpdates';
import { SessionController } from './session/sessionController';
import { SessionStatusBar } from './session/sessionStatusBar';
import { TokenStore } from './session/tokenStore';
import { ArtifactDiagnostics } from './validation/artifactDiagnostics';
import { EditorSchemas } from './validation/editorSchemas';
import { EditorTabs } from './validation/editorTabs';
import { QuickFixProvider } from './validation/quickFixProvider';
import { RuleDocs } from './validation/ruleDocs';
import { WorkspaceArtifacts } from './validation/workspaceArtifacts';
import { registerReleaseViews } from './views/releaseViews';

const artifactDocuments: vscode.DocumentSelector = [
  { scheme: 'file', language: 'json' },
  { scheme: 'file', language: 'jsonc' },
];

/** Composition root: builds the services in order and hands every disposable to the context. */
export function activate(context: vscode.ExtensionContext): ForgeExtensionApi {
  const log = new ForgeLog();
  context.subscriptions.push(log, registerShowLogs(log));
  log.info(`Forge Releases ${String((context.extension.packageJSON as { version?: unknown }).version)} activating`);
  // First: the JSON language features may be waiting for these schemas (they activated us to get them).
  context.subscriptions.push(new EditorSchemas(context.extensionUri));

  const tabs = new EditorTabs();
  const artifacts = new WorkspaceArtifacts(tabs, log);
  const diagnostics = new ArtifactDiagnostics(artifacts, tabs, RuleDocs.of(context.extensionUri, log), log);
  context.subscriptions.push(
    tabs,
    artifacts,
    diagnostics,
    vscode.languages.registerCodeActionsProvider(artifactDocuments, new QuickFixProvider(diagnostics), QuickFixProvider.metadata),
    registerValidateWorkspace(diagnostics, log),
  );

  const session = new ForgeSession();
  const tokens = new TokenStore(context.secrets);
  const embedded = new EmbeddedService(context, tokens, log);
  const controller = new SessionController(session, tokens, embedded, context.globalState, log);
  const updates = new ReleaseUpdates(session, log);
  const { views, disposables: viewDisposables } = registerReleaseViews(session, updates, log);
  const panelDeps = { extensionUri: context.extensionUri, session, updates, log };
  const releaseDetails = registerReleaseDetails(panelDeps);
  const pipeline = registerPipeline(panelDeps);
  const auditLog = registerAuditLog(panelDeps);
  context.subscriptions.push(
    session,
    embedded,
    controller,
    new ConnectionWatch(session, () => controller.restore({ quiet: true }), log),
    updates,
    new SessionStatusBar(session),
    ...viewDisposables,
    ...registerSessionCommands(controller, session, log),
    registerCreateVersion(session, updates, log),
    ...registerReleaseCommands(session, updates, log),
    ...registerApprovalCommands(session, log),
    registerReportCheck(session, updates, log),
    registerReportEvaluation(session, updates, log),
    ...registerTeamCommands(session, updates, log),
    ...releaseDetails.disposables,
    ...pipeline.disposables,
    ...auditLog.disposables,
    registerExportReport(session, log),
    registerRefresh(views, updates),
    registerGetStarted(),
    registerReconcileCommand(session, views, log),
  );

  // The views show their welcome content until the session is restored (or the embedded service is up).
  controller.restore().catch((error: unknown) => log.reportFailure('Restoring the Forge session failed', error));
  diagnostics.start().catch((error: unknown) => log.reportFailure('Reading the workflow repository failed', error));
  return forgeExtensionApi(session, views, { releaseDetails: releaseDetails.panels, pipeline: pipeline.panels, auditLog: auditLog.panels });
}

/** Nothing to do: everything (the embedded service included) is released through context.subscriptions. */
export function deactivate(): void {}
