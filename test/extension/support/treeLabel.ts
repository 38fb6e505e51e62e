import type * as vscode from 'vscode';

/** A tree item's label as the user reads it (a highlighted label is an object with the text in `label`). */
export function treeLabel(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}
