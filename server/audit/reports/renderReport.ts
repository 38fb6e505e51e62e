import { jsonReportPayload, reportSignatureLine, type ReportSignature } from '../../../core/audit/reportSignature';
import type { ReportFormat } from '../../../core/api/report';
import type { AuditSigner } from '../checkpoints/auditSigner';
import { toCsv } from '../csv';
import type { ComplianceReport, ReportCell } from './complianceReport';

/** A rendered report: the body, the content type to answer it with, and the file name a download saves it as. */
export interface RenderedReport {
  contentType: string;
  body: string;
  fileName: string;
}

/**
 * Renders a report as JSON (structured rows with the period, generation time, chain head and its checkpoint),
 * CSV (a plain RFC 4180 table: a header line, then the rows; a CSV has no place for statements, so they are in the
 * JSON and Markdown forms) or Markdown (a heading, the statements, one table). With a signer, the JSON gets a
 * `signature` field and Markdown a last signature line, each covering the whole document
 * (core/audit/reportSignature.ts): `forge-release report verify` checks it offline. A CSV is not signed.
 */
export function renderReport(report: ComplianceReport, format: ReportFormat, signer?: AuditSigner): RenderedReport {
  const { table, ...rest } = report;
  const fileName = `forge-${report.kind}${report.environment ? `-${report.environment}` : ''}-${report.generatedAt.slice(0, 10)}.${format}`;
  const sign = (payload: string): ReportSignature | null => (signer ? { algorithm: 'Ed25519', keyId: signer.keyId, value: signer.sign('report', payload) } : null);
  if (format === 'json') {
    const signature = sign(jsonReportPayload(rest));
    return { contentType: 'application/json', body: JSON.stringify(signature ? { ...rest, signature } : rest), fileName };
  }
  if (format === 'csv') return { contentType: 'text/csv; charset=utf-8', body: toCsv(table.columns, table.lines), fileName };
  const statements = reportStatements(report);
  const lines = [
    `# ${report.title}`,
    '',
    ...statements.map(([label, value]) => `- **${label}:** ${label === checkpointLabel ? `\`${value}\`` : value}`),
    '',
    `| ${table.columns.join(' | ')} |`,
    `| ${table.columns.map(() => '---').join(' | ')} |`,
    ...table.lines.map((line) => `| ${line.map(markdownCell).join(' | ')} |`),
    '',
  ];
  if (table.lines.length === 0) lines.splice(lines.length - 1, 0, '', '_No events in this period._');
  const body = lines.join('\n');
  // A blank line, then the signature line, which signs everything before it.
  const signed = `${body}\n`;
  const signature = sign(signed);
  return { contentType: 'text/markdown; charset=utf-8', body: signature ? signed + reportSignatureLine(signature) : body, fileName };
}

const checkpointLabel = 'Audit checkpoint';

function reportStatements(report: ComplianceReport): [string, string][] {
  const head = report.chainHead ? `seq ${report.chainHead.seq}, hash ${report.chainHead.hash}` : 'empty audit log';
  return [
    ['Report', report.kind],
    ['Period', `${report.period.start ?? 'beginning of the log'} to ${report.period.end ?? 'the chain head'} (end exclusive)`],
    ['Environment', report.environment ?? 'all'],
    ['Generated at', report.generatedAt],
    ['Audit chain head', head],
    ...(report.checkpoint ? [[checkpointLabel, JSON.stringify(report.checkpoint)] as [string, string]] : []),
    ['Rows', String(report.rows.length)],
  ];
}

// Pipes would split the cell and line breaks would end the row.
function markdownCell(cell: ReportCell): string {
  if (cell === null) return '';
  return String(cell)
    .replaceAll('\\', '\\\\')
    .replaceAll('|', '\\|')
    .replace(/\r?\n|\r/g, '<br>');
}
