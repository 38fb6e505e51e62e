import { plural } from '../format/plural';
import type { ReportedDiagnostic, ValidationReport } from './validationReport';

export const reportFormats = ['text', 'json', 'github'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/** Renders a validation report as text or GitHub workflow commands; the result ends with a newline. */
export function formatValidationReport(report: ValidationReport, format: Exclude<ReportFormat, 'json'>): string {
  const lines = format === 'github' ? formatGithub(report) : formatText(report);
  return `${lines.join('\n')}\n`;
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
export function validationReportJson(report: ValidationReport): unknown {
  const files = report.files.map(({ file, diagnostics }) => ({
    file,
    diagnostics: diagnostics.map(({ code, severity, message, line, column, endLine, endColumn }) => ({
      code,
      severity,
      message,
      line,
      column,
      endLine,
      endColumn,
    })),
  }));
  return { files, errors: report.errors, warnings: report.warnings };
}

/**
 * GitHub Actions workflow commands, which the runner turns into pull-request annotations; a clean run is one
 * notice, so the job's log says what was checked rather than nothing.
 */
function formatGithub(report: ValidationReport): string[] {
  const annotations = report.files.flatMap(({ file, diagnostics }) => diagnostics.map((d) => githubAnnotation(file, d)));
  return annotations.length > 0 ? annotations : [`::notice::${escapeData(`${plural(report.files.length, 'file')} checked: no errors or warnings`)}`];
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
