import { toCsv } from '../csv';
import type { ComplianceReport, ReportCell } from './complianceReport';
import type { ReportFormat } from '../../../core/api/report';

/** A rendered report: the body, the content type to answer it with, and the file name a download saves it as. */
export interface RenderedReport {
  contentType: string;
  body: string;
  fileName: string;
}

/**
 * Renders a report as JSON (structured rows with the period, generation time and chain head), CSV (a plain
 * RFC 4180 table: a header line, then the rows — the statements about the report are in the JSON and Markdown
 * forms, since a CSV has no place for them) or Markdown (a heading, the statements, one table).
 */
export function renderReport(report: ComplianceReport, format: ReportFormat): RenderedReport {
  const { table, ...rest } = report;
  const fileName = `forge-${report.kind}${report.environment ? `-${report.environment}` : ''}-${report.generatedAt.slice(0, 10)}.${format}`;
  if (format === 'json') return { contentType: 'application/json', body: JSON.stringify(rest), fileName };
  if (format === 'csv') return { contentType: 'text/csv; charset=utf-8', body: toCsv(table.columns, table.lines), fileName };
  const statements = reportStatements(report);
  const lines = [
    `# ${report.title}`,
    '',
    ...statements.map(([label, value]) => `- **${label}:** ${value}`),
    '',
    `| ${table.columns.join(' | ')} |`,
    `| ${table.columns.map(() => '---').join(' | ')} |`,
    ...table.lines.map((line) => `| ${line.map(markdownCell).join(' | ')} |`),
    '',
  ];
  if (table.lines.length === 0) lines.splice(lines.length - 1, 0, '', '_No events in this period._');
  return { contentType: 'text/markdown; charset=utf-8', body: lines.join('\n'), fileName };
}

function reportStatements(report: ComplianceReport): [string, string][] {
  const head = report.chainHead ? `seq ${report.chainHead.seq}, hash ${report.chainHead.hash}` : 'empty audit log';
  return [
    ['Report', report.kind],
    ['Period', `${report.period.start ?? 'beginning of the log'} to ${report.period.end ?? 'the chain head'} (end exclusive)`],
    ['Environment', report.environment ?? 'all'],
    ['Generated at', report.generatedAt],
    ['Audit chain head', head],
    ['Rows', String(report.rows.length)],
  ];
}

// Pipes would split the cell and line breaks would end the row.
function markdownCell(cell: ReportCell): string {
  if (cell === null) return '';
  return String(cell).replaceAll('\\', '\\\\').replaceAll('|', '\\|').replace(/\r?\n|\r/g, '<br>');
}
