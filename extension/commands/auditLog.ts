import * as vscode from 'vscode';
import type { AuditEvent } from '../../core/api/audit';
import type { ForgeLog } from '../logging';
import type { ForgeConnection, ForgeSession } from '../session/forgeSession';
import { describeFailure } from './releaseProgress';

const showAuditLogCommand = 'forge.showAuditLog';
const auditScheme = 'forge-audit';

const actionFamilies = [
  { label: 'All actions', action: undefined },
  { label: 'Deployments', action: 'deployment' },
  { label: 'Rollbacks', action: 'rollback' },
  { label: 'Approvals', action: 'approval' },
  { label: 'Versions', action: 'version' },
  { label: 'Production access', action: 'access' },
] as const;

const columns: { title: string; value: (event: AuditEvent) => string }[] = [
  { title: 'seq', value: (event) => String(event.seq) },
  { title: 'at', value: (event) => event.at.replace(/\.\d+Z$/, 'Z') },
  { title: 'actor', value: (event) => event.actor },
  { title: 'action', value: (event) => event.action },
  { title: 'environment', value: (event) => event.environment ?? '' },
  { title: 'version', value: (event) => event.version ?? '' },
  { title: 'outcome', value: (event) => event.outcome ?? '' },
];

/**
 * "Forge: Show Audit Log": asks for an action family and an environment, then opens a read-only document (a
 * `forge-audit:` URI re-read on each open) with the matching events as a table, headed by the chain check.
 */
export function registerAuditLog(session: ForgeSession, log: ForgeLog): vscode.Disposable[] {
  const provider: vscode.TextDocumentContentProvider = {
    provideTextDocumentContent: async (uri) => {
      try {
        return await auditTable(session.require(), new URLSearchParams(uri.query));
      } catch (error) {
        log.error('reading the audit log failed', error);
        return `The audit log could not be read: ${describeFailure(error)}\n`;
      }
    },
  };
  return [
    vscode.workspace.registerTextDocumentContentProvider(auditScheme, provider),
    vscode.commands.registerCommand(showAuditLogCommand, async () => {
      try {
        const connection = session.require();
        const family = await vscode.window.showQuickPick(actionFamilies.map((entry) => ({ ...entry })), { title: 'Forge: Show Audit Log — actions' });
        if (!family) return undefined;
        const environments = await connection.client.listEnvironments();
        const scope = await vscode.window.showQuickPick([{ label: 'All environments', name: '' }, ...environments.map((environment) => ({ label: environment.name, name: environment.name }))], {
          title: 'Forge: Show Audit Log — environment',
        });
        if (!scope) return undefined;
        const query = new URLSearchParams();
        if (family.action) query.set('action', family.action);
        if (scope.name) query.set('environment', scope.name);
        // A fresh query string each time, so reopening reads the log again instead of a cached document.
        query.set('at', new Date().toISOString());
        const uri = vscode.Uri.from({ scheme: auditScheme, path: `/audit${scope.name ? `-${scope.name}` : ''}${family.action ? `-${family.action}` : ''}.txt`, query: query.toString() });
        const document = await vscode.workspace.openTextDocument(uri);
        await vscode.window.showTextDocument(document, { preview: false });
        return uri;
      } catch (error) {
        void log.reportFailure('Showing the audit log failed', new Error(describeFailure(error)));
        return undefined;
      }
    }),
  ];
}

/** The newest 1000 matching events as a fixed-width table, after a line saying whether the hash chain holds. */
async function auditTable(connection: ForgeConnection, query: URLSearchParams): Promise<string> {
  const filters = { action: query.get('action') ?? undefined, environment: query.get('environment') ?? undefined };
  const [page, verification] = await Promise.all([connection.client.queryAudit({ ...filters, limit: 1000 }), connection.client.verifyAudit()]);
  const chain = verification.ok
    ? `hash chain intact (${verification.count} events)`
    : `HASH CHAIN BROKEN at event ${verification.brokenAt?.seq ?? '?'} (${verification.brokenAt?.reason ?? 'unknown'})`;
  const title = `Forge audit log — ${filters.action ?? 'all actions'}, ${filters.environment ?? 'all environments'} — ${page.items.length} events — ${chain}`;
  const rows = page.items.map((event) => columns.map((column) => column.value(event)));
  const widths = columns.map((column, index) => Math.max(column.title.length, ...rows.map((row) => row[index]!.length)));
  const line = (cells: string[]) => cells.map((cell, index) => cell.padEnd(widths[index]!)).join('  ').trimEnd();
  return [title, '', line(columns.map((column) => column.title)), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line), ''].join('\n');
}
