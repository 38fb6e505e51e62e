import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, deleteWorkspaceFile, forgeDiagnostics, waitForCode, waitForNone, writeWorkspaceFile } from './support/workspace';
import { planNode, workflowText } from './support/workflowText';

interface ValidationSummary {
  files: number;
  errors: number;
  warnings: number;
}

// Runs last (suites load in file-name order): after "Validate Workspace" every artifact stays in Problems,
// which the other suites' open/close expectations do not assume.
describe('"Forge: Validate Workspace"', () => {
  it('"Validate Workspace" fills Problems for artifacts that are not open, and counts them', async () => {
    await closeAllEditors();
    const broken = await writeWorkspaceFile('workflows/validate-all.json', workflowText('validate-all', [planNode('start'), planNode('publish', ['strat'])]));
    const warned = await writeWorkspaceFile(
      'workflows/validate-warn.json',
      workflowText('validate-warn', [planNode('start', [], { method: 'NOOP', endpoint: 'noop', params: {}, colour: 'red' })]),
    );
    try {
      assert.deepEqual(forgeDiagnostics(broken), []);
      const summary = await vscode.commands.executeCommand<ValidationSummary>('forge.validateWorkspace');
      const workspaceArtifacts = await vscode.workspace.findFiles('{workflows,agents,processors}/*.json');
      assert.equal(summary.files, workspaceArtifacts.length);
      assert.equal(summary.errors, 1);
      // The colour key, and the fixture's shadowed branch path (document-routing.json).
      assert.equal(summary.warnings, 2);
      await waitForCode(broken, 'unknown-dependency');
      await waitForCode(warned, 'unknown-key');
      assert.deepEqual(forgeDiagnostics(vscode.Uri.joinPath(broken, '..', 'invoice-intake.json')), []);
    } finally {
      await deleteWorkspaceFile('workflows/validate-all.json');
      await deleteWorkspaceFile('workflows/validate-warn.json');
    }
    // A deleted artifact leaves Problems.
    await waitForNone(broken);
  });

  it('keeps a closed artifact in Problems, showing what is on disk rather than the discarded edits', async () => {
    const path = 'workflows/validate-closed.json';
    const uri = await writeWorkspaceFile(path, workflowText('validate-closed', [planNode('start'), planNode('publish', ['strat'])]));
    try {
      await vscode.commands.executeCommand('forge.validateWorkspace');
      const { document } = await vscode.window.showTextDocument(uri, { preview: false });
      await waitForCode(uri, 'unknown-dependency');
      const edit = new vscode.WorkspaceEdit();
      const at = document.getText().indexOf('"strat"');
      edit.replace(uri, new vscode.Range(document.positionAt(at), document.positionAt(at + 7)), '"start"');
      assert.ok(await vscode.workspace.applyEdit(edit));
      await waitForNone(uri);
      await closeAllEditors();
      await waitForCode(uri, 'unknown-dependency');
    } finally {
      await deleteWorkspaceFile(path);
    }
  });
});
