import { findNodeAtLocation, parseTree, type JSONPath } from 'jsonc-parser';
import * as vscode from 'vscode';

/**
 * The range of the JSON value at a path, found by jsonc-parser independently of the validator, as positions of
 * the open document. `key: true` gives the range of the property name instead.
 */
export function expectedRange(document: vscode.TextDocument, path: JSONPath, { key = false } = {}): vscode.Range {
  const root = parseTree(document.getText());
  const node = root && findNodeAtLocation(root, path);
  if (!node) throw new Error(`the fixture has nothing at ${JSON.stringify(path)}`);
  const target = key ? node.parent?.children?.[0] : node;
  if (!target) throw new Error(`${JSON.stringify(path)} is not an object property`);
  return new vscode.Range(document.positionAt(target.offset), document.positionAt(target.offset + target.length));
}

/** A range as plain data, so assertion failures print readable positions. */
export function plainRange(range: vscode.Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}
