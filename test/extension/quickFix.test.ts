import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, deleteWorkspaceFile, openInEditor, waitForCode, waitForNone, writeWorkspaceFile } from './support/workspace';
import { branchDefinition, planNode, workflowText } from './support/workflowText';

/** The quick fixes VS Code collects at a diagnostic's range (the command drops `diagnostics` from the actions). */
async function quickFixes(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  return actions.filter((action) => action.kind?.value === vscode.CodeActionKind.QuickFix.value);
}

async function apply(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `"${action.title}" carries no edit`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
}

describe('quick fixes from the validator', () => {
  // A fresh file per test: VS Code keeps a closed document loaded for a while, with its old text.
  let path = '';
  let count = 0;

  beforeEach(() => {
    path = `workflows/quick-fix-${++count}.json`;
  });

  afterEach(async () => {
    await closeAllEditors();
    await deleteWorkspaceFile(path).catch(() => undefined);
  });

  it('unknown-dependency: "Change to" the nearest task_id, preferred, and applying it clears the error', async () => {
    const { document } = await openInEditor(await writeWorkspaceFile(path, workflowText('fix-dependency', [planNode('start'), planNode('classify', ['start']), planNode('publish', ['clasify'])])));
    const diagnostic = await waitForCode(document.uri, 'unknown-dependency');
    const [fix] = await quickFixes(document, diagnostic);
    assert.ok(fix, 'no quick fix offered');
    assert.equal(fix.title, 'Change to "classify"');
    assert.equal(fix.isPreferred, true);
    await apply(fix);
    await waitForNone(document.uri);
    assert.match(document.getText(), /"dependencies": \[\s*"classify"\s*\]/);
  });

  const controlFlowFixes: Array<{ code: string; title: string; nodes: unknown[] }> = [
    {
      code: 'unknown-target',
      title: 'Change to "archive"',
      nodes: [planNode('start'), planNode('route', ['start'], branchDefinition(['archve']), 'BRANCH'), planNode('archive', ['route'])],
    },
    {
      // With "route" added, "handle" depends on both: the plan is then merely gated, which is valid.
      code: 'target-not-dependent',
      title: 'Add "route" to the dependencies of "handle"',
      nodes: [planNode('start'), planNode('route', ['start'], branchDefinition(['handle']), 'BRANCH'), planNode('handle', ['start'])],
    },
  ];
  for (const { code, title, nodes } of controlFlowFixes) {
    it(`${code}: "${title}" repairs the plan`, async () => {
      const { document } = await openInEditor(await writeWorkspaceFile(path, workflowText(`fix-${code}`, nodes)));
      const [fix] = await quickFixes(document, await waitForCode(document.uri, code));
      assert.equal(fix?.title, title);
      await apply(fix);
      await waitForNone(document.uri);
    });
  }

  it('offers nothing once the document no longer has the text the fix was computed for', async () => {
    await vscode.workspace.getConfiguration('forge').update('validation.debounceMs', 5000, vscode.ConfigurationTarget.Workspace);
    try {
      const { document } = await openInEditor(await writeWorkspaceFile(path, workflowText('fix-stale', [planNode('start'), planNode('classify', ['start']), planNode('publish', ['clasify'])])));
      const diagnostic = await waitForCode(document.uri, 'unknown-dependency');
      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, new vscode.Position(0, 0), '\n\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      // The edit shifted every offset: applying the stored fix now would corrupt the file.
      assert.deepEqual(await quickFixes(document, diagnostic), []);
    } finally {
      await vscode.workspace.getConfiguration('forge').update('validation.debounceMs', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
