import * as vscode from 'vscode';
import type { ForgeEvent } from '../../core/api/event';
import { auditFromWebviewSchema, auditPersistedStateSchema, type AuditFromWebview } from '../../webviews/audit/messages';
import { defaultAuditFilters, type AuditPanelFilters } from '../../webviews/audit/filters';
import { auditToWebviewSchema, type AuditState } from '../../webviews/audit/protocol';
import { reportRefusal } from '../commands/fixingActions';
import { ForgePanel, type PanelDeps } from '../panels/forgePanel';
import { PanelRegistry } from '../panels/panelRegistry';
import { auditQueryOf, loadAuditLog } from './loadAuditLog';

const auditViewType = 'forge.auditLog';
const showAuditLogCommand = 'forge.showAuditLog';
const auditKey = 'audit';

type AuditMessage = Extract<AuditFromWebview, { type: 'setFilters' | 'exportCsv' }>;

/**
 * The Audit Log: a table of events with filters in place (action family, environment, actor, period, release),
 * the hash chain's verdict at the top, each event's reason or comment, links to the releases, and a CSV export
 * of what the filters select. It re-reads on the service's events, so new events appear while it is open.
 */
export class AuditPanel extends ForgePanel<AuditState, never, AuditMessage> {
  private filters: AuditPanelFilters;

  constructor(panel: vscode.WebviewPanel, deps: PanelDeps, filters: AuditPanelFilters) {
    super(panel, deps, { bundle: 'audit', toWebview: auditToWebviewSchema, fromWebview: auditFromWebviewSchema });
    this.filters = filters;
  }

  /** Shows the events of one release (or every release again, with null). */
  showRelease(releaseId: string | null): Promise<void> {
    this.filters = { ...this.filters, releaseId, ...(releaseId ? { period: 'all' as const } : {}) };
    return this.refresh();
  }

  protected load(): Promise<AuditState> {
    return loadAuditLog(this.deps.session.connection, this.filters);
  }

  protected concerns(_event: ForgeEvent): boolean {
    // Every change the service reports appends audit events.
    return true;
  }

  protected override async handle(message: AuditMessage): Promise<void> {
    if (message.type === 'setFilters') {
      this.filters = message.filters;
      return this.refresh();
    }
    await this.exportCsv();
  }

  /** Saves every event the filters select as CSV (the service's columns), after a save dialog. */
  async exportCsv(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const connection = this.deps.session.connection;
    if (!connection) return undefined;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `forge-audit-${new Date().toISOString().slice(0, 10)}${this.filters.environment ? `-${this.filters.environment}` : ''}${this.filters.action ? `-${this.filters.action}` : ''}.csv`;
    const file =
      target ??
      (await vscode.window.showSaveDialog({
        title: 'Export the audit log as CSV',
        defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
        filters: { CSV: ['csv'] },
      }));
    if (!file) return undefined;
    try {
      const csv = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Forge: exporting the audit log' }, () =>
        connection.client.exportAuditCsv(auditQueryOf(this.filters, new Date())),
      );
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(csv));
      const count = Math.max(0, csv.split('\r\n').filter(Boolean).length - 1);
      this.deps.log.info(`exported ${count} audit events to ${file.fsPath}`);
      void vscode.window.showInformationMessage(`Forge: ${count} audit events saved to ${file.path.split('/').pop()}.`, 'Open').then((choice) => {
        if (choice === 'Open') void vscode.window.showTextDocument(file);
      });
      return file;
    } catch (error) {
      await reportRefusal('Exporting the audit log failed', error, connection, this.deps.log);
      return undefined;
    }
  }
}

export type AuditPanels = PanelRegistry<AuditPanel>;

/** "Forge: Show Audit Log" (optionally `{releaseId}` to show one release's events): the one Audit Log panel. */
export function registerAuditLog(deps: PanelDeps): { panels: AuditPanels; disposables: vscode.Disposable[] } {
  const panels = new PanelRegistry<AuditPanel>({
    viewType: auditViewType,
    extensionUri: deps.extensionUri,
    log: deps.log,
    create: (panel, _key, saved) => {
      const restored = auditPersistedStateSchema.safeParse(saved);
      return new AuditPanel(panel, deps, restored.success ? restored.data.filters : defaultAuditFilters);
    },
    keyOf: (saved) => (auditPersistedStateSchema.safeParse(saved).success ? auditKey : undefined),
  });
  const command = vscode.commands.registerCommand(showAuditLogCommand, async (target?: { releaseId?: string }) => {
    const panel = panels.show(auditKey, 'Audit Log');
    if (target?.releaseId) await panel.showRelease(target.releaseId);
    return panel;
  });
  return { panels, disposables: [panels, command] };
}
