import type { Diagnostic, TextPosition } from '../../core/validation/diagnostic';
import { validateRepository } from '../../core/validation/validateRepository';
import type { RepositoryFileSet } from '../workspace/readArtifactFiles';

/** A place another file or node contributes to a finding (each step of a cycle), 1-based. */
export interface ReportedLocation {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** One finding with 1-based line and column numbers, as editors and CI annotations count them. */
export interface ReportedDiagnostic {
  code: string;
  severity: Diagnostic['severity'];
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  related: ReportedLocation[];
}

/** What `validate` reports: every requested file (clean ones too) and the totals. */
export interface ValidationReport {
  files: Array<{ file: string; diagnostics: ReportedDiagnostic[] }>;
  errors: number;
  warnings: number;
}

/** Validates each repository's files together and keeps the findings of the files that were asked for. */
export function validateFileSets(sets: readonly RepositoryFileSet[]): ValidationReport {
  const report: ValidationReport = { files: [], errors: 0, warnings: 0 };
  for (const set of sets) {
    const reported = new Set(set.files.filter((file) => file.reported).map((file) => file.path));
    const result = validateRepository(set.files.map(({ path, text }) => ({ path, text })));
    for (const file of result.files.filter((entry) => reported.has(entry.path))) {
      const diagnostics = file.diagnostics.map((diagnostic) => toReported(diagnostic, file.path)).sort(byPosition);
      report.files.push({ file: file.path, diagnostics });
      for (const diagnostic of diagnostics) {
        if (diagnostic.severity === 'error') report.errors += 1;
        else report.warnings += 1;
      }
    }
  }
  report.files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return report;
}

function toReported(diagnostic: Diagnostic, file: string): ReportedDiagnostic {
  const start = oneBased(diagnostic.range.start);
  const end = oneBased(diagnostic.range.end);
  return {
    code: diagnostic.code,
    severity: diagnostic.severity,
    message: diagnostic.message,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    related: (diagnostic.related ?? []).map((location) => ({
      file: location.file ?? file,
      ...oneBased(location.range.start),
      message: location.message,
    })),
  };
}

function oneBased(position: TextPosition): { line: number; column: number } {
  return { line: position.line + 1, column: position.character + 1 };
}

function byPosition(a: ReportedDiagnostic, b: ReportedDiagnostic): number {
  return a.line - b.line || a.column - b.column;
}
