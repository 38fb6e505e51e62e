import * as vscode from 'vscode';
import type { DiagnosticFix } from '../../core/validation/diagnostic';
import type { ArtifactDiagnostics } from './artifactDiagnostics';
import { diagnosticSource } from './toVscodeDiagnostic';

/** Offers the fixes the validator attached to its diagnostics; the extension computes none itself. */
export class QuickFixProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly diagnostics: ArtifactDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics
      .filter((diagnostic) => diagnostic.source === diagnosticSource)
      .flatMap((diagnostic) => this.diagnostics.fixesFor(document, diagnostic).map((fix, index) => toCodeAction(document, diagnostic, fix, index === 0)));
  }
}

function toCodeAction(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, fix: DiagnosticFix, preferred: boolean): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.isPreferred = preferred;
  action.edit = new vscode.WorkspaceEdit();
  for (const edit of fix.edits) {
    // Offsets index the validated text, which fixesFor has checked is still the document's text.
    const range = new vscode.Range(document.positionAt(edit.offset), document.positionAt(edit.offset + edit.length));
    action.edit.replace(document.uri, range, edit.newText);
  }
  return action;
}
