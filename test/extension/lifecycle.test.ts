import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  closeAllEditors,
  deleteWorkspaceFile,
  forgeDiagnostics,
  openInEditor,
  sleep,
  waitForCode,
  waitForDiagnostics,
  waitForNone,
  writeWorkspaceFile,
} from './support/workspace';
import { planNode, workflowText } from './support/workflowText';

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('forge').update(key, value, vscode.ConfigurationTarget.Workspace);
}

/** Replaces the whole text of an open document, as typing would, without saving. */
async function replaceText(document: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

describe('diagnostics follow the document lifecycle', () => {
  // A fresh file per test: VS Code keeps a closed document loaded for a while, with its old text.
  let path = '';
  let brokenText = '';
  let fixedText = '';
  let count = 0;

  beforeEach(() => {
    const name = `lifecycle-${++count}`;
    path = `workflows/${name}.json`;
    brokenText = workflowText(name, [planNode('start'), planNode('publish', ['strat'])]);
    fixedText = workflowText(name, [planNode('start'), planNode('publish', ['start'])]);
  });

  afterEach(async () => {
    await closeAllEditors();
    await setSetting('validation.debounceMs', undefined);
    await setSetting('validation.enabled', undefined);
    await deleteWorkspaceFile(path).catch(() => undefined);
  });

  it('validates at once when a document opens', async () => {
    const uri = await writeWorkspaceFile(path, brokenText);
    assert.deepEqual(forgeDiagnostics(uri), [], 'a closed file has no diagnostics before "Validate Workspace"');
    await openInEditor(uri);
    await waitForCode(uri, 'unknown-dependency', 3000);
  });

  it('waits for the typing pause (forge.validation.debounceMs) before validating an edit', async () => {
    await setSetting('validation.debounceMs', 1500);
    const { document } = await openInEditor(await writeWorkspaceFile(path, fixedText));
    await sleep(300); // the open itself is validated at once, with nothing to report
    assert.deepEqual(forgeDiagnostics(document.uri), []);
    const edited = Date.now();
    await replaceText(document, brokenText);
    await sleep(500);
    assert.deepEqual(forgeDiagnostics(document.uri), [], 'validated before the pause was over');
    await waitForCode(document.uri, 'unknown-dependency', 5000);
    assert.ok(Date.now() - edited >= 1500, `validated ${Date.now() - edited} ms after the edit`);
  });

  it('validates at once on save, without waiting for the pause', async () => {
    await setSetting('validation.debounceMs', 4000);
    const { document } = await openInEditor(await writeWorkspaceFile(path, fixedText));
    await replaceText(document, brokenText);
    const saved = Date.now();
    assert.ok(await document.save());
    await waitForCode(document.uri, 'unknown-dependency', 3000);
    assert.ok(Date.now() - saved < 4000);
  });

  it('clears the diagnostics of a document when it closes', async () => {
    const uri = await writeWorkspaceFile(path, brokenText);
    await openInEditor(uri);
    await waitForCode(uri, 'unknown-dependency');
    await closeAllEditors();
    await waitForNone(uri);
  });

  it('a fix typed into the editor clears the diagnostic', async () => {
    const uri = await writeWorkspaceFile(path, brokenText);
    const { document } = await openInEditor(uri);
    await waitForCode(uri, 'unknown-dependency');
    await replaceText(document, fixedText);
    await waitForNone(uri);
  });

  it('forge.validation.enabled = false removes every diagnostic; true brings them back', async () => {
    const uri = await writeWorkspaceFile(path, brokenText);
    await openInEditor(uri);
    await waitForCode(uri, 'unknown-dependency');
    await setSetting('validation.enabled', false);
    await waitForNone(uri);
    await setSetting('validation.enabled', true);
    await waitForCode(uri, 'unknown-dependency');
  });

  it('ignores JSON files outside the artifact globs', async () => {
    const outside = 'notes/lifecycle.json';
    const uri = await writeWorkspaceFile(outside, brokenText);
    try {
      await openInEditor(uri);
      const inside = await writeWorkspaceFile(path, brokenText);
      await openInEditor(inside);
      await waitForCode(inside, 'unknown-dependency');
      assert.deepEqual(forgeDiagnostics(uri), []);
    } finally {
      await closeAllEditors();
      await deleteWorkspaceFile(outside);
    }
  });

  it('follows forge.artifactGlobs', async () => {
    const custom = 'pipelines/lifecycle.json';
    const uri = await writeWorkspaceFile(custom, brokenText);
    try {
      await setSetting('artifactGlobs', { workflow: ['pipelines/*.json'] });
      await openInEditor(uri);
      await waitForCode(uri, 'unknown-dependency');
      await setSetting('artifactGlobs', undefined);
      await waitForDiagnostics(uri, (found) => found.length === 0, { what: 'no diagnostics once the glob is gone' });
    } finally {
      await setSetting('artifactGlobs', undefined);
      await closeAllEditors();
      await deleteWorkspaceFile(custom);
    }
  });
});
