import { createScanner } from 'jsonc-parser';
import * as vscode from 'vscode';
import type { Diagnostic } from '../../core/validation/diagnostic';

/**
 * Whether VS Code's own JSON support reports the syntax errors of this file: it checks every open JSON and JSON
 * with Comments document while `json.validate.enable` is on (a window-wide setting).
 */
export function editorChecksSyntax(uri: vscode.Uri): boolean {
  const document = vscode.workspace.textDocuments.find((candidate) => !candidate.isClosed && candidate.uri.toString() === uri.toString());
  if (!document || (document.languageId !== 'json' && document.languageId !== 'jsonc')) return false;
  return vscode.workspace.getConfiguration('json').get<boolean>('validate.enable', true);
}

/**
 * The diagnostics of a file minus the syntax errors the editor already shows for it, so one problem is one
 * diagnostic. A trailing comma stays: the artifact schemas let the editor accept it, the validator does not.
 */
export function withoutEditorSyntaxErrors(diagnostics: readonly Diagnostic[], text: string, editorChecks: boolean): Diagnostic[] {
  if (!editorChecks || !diagnostics.some((d) => d.code === 'invalid-json')) return [...diagnostics];
  const trailingCommas = trailingCommaOffsets(text);
  return diagnostics.filter((d) => d.code !== 'invalid-json' || trailingCommas.has(d.range.offset));
}

// jsonc-parser's SyntaxKind is a const enum, which isolated modules cannot read; these are its values.
const closeBrace = 2;
const closeBracket = 4;
const comma = 5;
const endOfFile = 17;

/** Offsets of the `}` / `]` that directly follow a comma (whitespace and comments between them aside). */
function trailingCommaOffsets(text: string): Set<number> {
  const offsets = new Set<number>();
  // Ignoring trivia skips whitespace, line breaks and comments.
  const scanner = createScanner(text, true);
  let previous = -1;
  for (let kind: number = scanner.scan(); kind !== endOfFile; kind = scanner.scan()) {
    if (previous === comma && (kind === closeBrace || kind === closeBracket)) offsets.add(scanner.getTokenOffset());
    previous = kind;
  }
  return offsets;
}
