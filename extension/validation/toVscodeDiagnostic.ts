import * as vscode from 'vscode';
import type { Diagnostic, TextRange } from '../../core/validation/diagnostic';
import type { RuleDocs } from './ruleDocs';

/** The `source` of every diagnostic this extension publishes. */
export const diagnosticSource = 'forge';

/** A core range (zero-based positions computed on the validated text) as a VS Code range. */
export function toVscodeRange(range: TextRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** The rule code of a diagnostic, whether VS Code gives it as a string or as a `{value, target}` link. */
export function codeValue(diagnostic: vscode.Diagnostic): string | number | undefined {
  const { code } = diagnostic;
  return typeof code === 'object' ? code.value : code;
}

/**
 * Converts a core diagnostic of the file at `uri`; its code links to the rule's documentation. `resolve` turns
 * the repository path of a related location in another file into its URI.
 */
export function toVscodeDiagnostic(diagnostic: Diagnostic, uri: vscode.Uri, resolve: (path: string) => vscode.Uri, docs: RuleDocs): vscode.Diagnostic {
  const severity = diagnostic.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
  const converted = new vscode.Diagnostic(toVscodeRange(diagnostic.range), diagnostic.message, severity);
  converted.source = diagnosticSource;
  converted.code = docs.codeOf(diagnostic.code);
  if (diagnostic.related?.length) {
    converted.relatedInformation = diagnostic.related.map(
      (related) =>
        new vscode.DiagnosticRelatedInformation(
          new vscode.Location(related.file === undefined ? uri : resolve(related.file), toVscodeRange(related.range)),
          related.message,
        ),
    );
  }
  return converted;
}
