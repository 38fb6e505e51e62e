import { plural } from '../format/plural';
import type { ReportedDiagnostic, ValidationReport } from './validationReport';

export const reportFormats = ['text', 'json', 'github'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/** Renders a validation report in one of the `--format` choices; the result ends with a newline (or is empty). */
export function formatValidationReport(report: ValidationReport, format: ReportFormat): string {
  const lines = format === 'json' ? [formatJson(report)] : format === 'github' ? formatGithub(report) : formatText(report);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** `file:line:col severity code message`, related places indented below, then a summary line. */
function formatText(report: ValidationReport): string[] {
  const lines: string[] = [];
  for (const { file, diagnostics } of report.files) {
    for (const d of diagnostics) {
      lines.push(`${file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`);
      for (const related of d.related) lines.push(`  ${related.file}:${related.line}:${related.column} ${related.message}`);
    }
  }
  lines.push(`${plural(report.files.length, 'file')} checked: ${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}`);
  return lines;
}

/** The documented JSON shape (related places are left to the text format). */
function formatJson(report: ValidationReport): string {
  const files = report.files.map(({ file, diagnostics }) => ({
    file,
    diagnostics: diagnostics.map(({ code, severity, message, line, column, endLine, endColumn }) => ({
      code, severity, message, line, column, endLine, endColumn,
    })),
  }));
  return JSON.stringify({ files, errors: report.errors, warnings: report.warnings }, null, 2);
}

/** GitHub Actions workflow commands, which the runner turns into pull-request annotations. */
function formatGithub(report: ValidationReport): string[] {
  return report.files.flatMap(({ file, diagnostics }) => diagnostics.map((d) => githubAnnotation(file, d)));
}

function githubAnnotation(file: string, d: ReportedDiagnostic): string {
  const properties = [
    `file=${escapeProperty(file)}`,
    `line=${d.line}`,
    `col=${d.column}`,
    `endLine=${d.endLine}`,
    `endColumn=${d.endColumn}`,
    `title=${escapeProperty(d.code)}`,
  ];
  return `::${d.severity} ${properties.join(',')}::${escapeData(d.message)}`;
}

// GitHub's escaping for workflow commands: data escapes %, CR and LF; properties also `:` and `,`.
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
