import * as vscode from 'vscode';
import { reportKinds, type ReportKind } from '../../core/api/report';
import type { ForgeLog } from '../logging';
import type { ForgeSession } from '../session/forgeSession';
import { describeFailure } from './fixingActions';

const exportReportCommand = 'forge.exportReport';

const kindLabels: Record<ReportKind, string> = {
  changelog: 'Change log — every artifact change per version with its approval chain',
  deployments: 'Deployment history — when, what, who, outcome, duration',
  access: 'Access log — who touched production and when',
};

const formats = [
  { label: 'Markdown', format: 'md', extension: 'md' },
  { label: 'CSV', format: 'csv', extension: 'csv' },
  { label: 'JSON', format: 'json', extension: 'json' },
] as const;

/** A period as `start`/`end` dates (YYYY-MM-DD, end inclusive), or undefined to ask. */
interface Period {
  label: string;
  days?: number;
}

const periods: Period[] = [{ label: 'Last 7 days', days: 7 }, { label: 'Last 30 days', days: 30 }, { label: 'Last 90 days', days: 90 }, { label: 'Custom…' }];

/**
 * "Forge: Export Compliance Report": kind, period, environment and format, then a save dialog; the file is
 * written as the service renders it.
 */
export function registerExportReport(session: ForgeSession, log: ForgeLog): vscode.Disposable {
  return vscode.commands.registerCommand(exportReportCommand, async () => {
    try {
      const connection = session.require();
      const kind = await vscode.window.showQuickPick(
        reportKinds.map((value) => ({ label: value, detail: kindLabels[value], report: value })),
        { title: 'Forge: Export Compliance Report — kind' },
      );
      if (!kind) return undefined;
      const range = await pickPeriod();
      if (!range) return undefined;
      const environments = await connection.client.listEnvironments();
      const scope = await vscode.window.showQuickPick(
        [{ label: 'All environments', name: '' }, ...environments.map((environment) => ({ label: environment.name, name: environment.name }))],
        {
          title: 'Forge: Export Compliance Report — environment',
        },
      );
      if (!scope) return undefined;
      const format = await vscode.window.showQuickPick(
        formats.map((entry) => ({ ...entry })),
        { title: 'Forge: Export Compliance Report — format' },
      );
      if (!format) return undefined;
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const fileName = `forge-${kind.report}-${range.start}-to-${range.end}${scope.name ? `-${scope.name}` : ''}.${format.extension}`;
      const target = await vscode.window.showSaveDialog({
        title: 'Save the compliance report',
        defaultUri: folder ? vscode.Uri.joinPath(folder, fileName) : undefined,
        filters: { [format.label]: [format.extension] },
      });
      if (!target) return undefined;
      const query = { start: range.start, end: range.end, ...(scope.name ? { environment: scope.name } : {}) };
      const text =
        format.format === 'json'
          ? `${JSON.stringify(await connection.client.report(kind.report, query), null, 2)}\n`
          : await connection.client.reportText(kind.report, format.format, query);
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
      log.info(`exported the ${kind.report} report (${range.start} – ${range.end}) to ${target.fsPath}`);
      void vscode.window.showInformationMessage(`Forge: ${kind.report} report saved.`, 'Open').then((choice) => {
        if (choice === 'Open') void vscode.window.showTextDocument(target);
      });
      return target;
    } catch (error) {
      void log.reportFailure('Exporting the report failed', new Error(describeFailure(error)));
      return undefined;
    }
  });
}

async function pickPeriod(): Promise<{ start: string; end: string } | undefined> {
  const period = await vscode.window.showQuickPick(periods, { title: 'Forge: Export Compliance Report — period' });
  if (!period) return undefined;
  const today = new Date().toISOString().slice(0, 10);
  if (period.days !== undefined) return { start: new Date(Date.now() - period.days * 86_400_000).toISOString().slice(0, 10), end: today };
  const date = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? undefined : 'A date as YYYY-MM-DD');
  const start = await vscode.window.showInputBox({ title: 'Period start (inclusive)', value: today.slice(0, 8) + '01', validateInput: date });
  if (!start) return undefined;
  const end = await vscode.window.showInputBox({
    title: 'Period end (inclusive)',
    value: today,
    validateInput: (value) => date(value) ?? (value < start ? 'The end is before the start' : undefined),
  });
  return end ? { start, end } : undefined;
}
