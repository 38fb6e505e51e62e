import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import { closeAllEditors, deleteWorkspaceFile, openInEditor, sleep, workspaceUri, writeWorkspaceFile } from './support/workspace';
import { planNode, workflowText } from './support/workflowText';

/** Asks until the JSON language server (which starts lazily and loads our schema) offers these completions. */
async function completionsAt(document: vscode.TextDocument, offset: number, wanted: string, timeoutMs = 20_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, document.positionAt(offset));
    const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label).replace(/"/g, ''));
    if (labels.includes(wanted) || Date.now() > deadline) return labels;
    await sleep(250);
  }
}

describe('JSON Schemas for completion (jsonValidation)', () => {
  const path = 'workflows/schema-completion.json';

  after(async () => {
    await closeAllEditors();
    await deleteWorkspaceFile(path);
  });

  it('workflow files are JSON with Comments and complete node_type from the generated schema', async () => {
    const text = workflowText('schema-completion', [planNode('start')]);
    const { document } = await openInEditor(await writeWorkspaceFile(path, text));
    assert.equal(document.languageId, 'jsonc');
    const inside = text.indexOf('"COMPUTE"') + 1;
    const labels = await completionsAt(document, inside, 'EXTRACTOR');
    for (const nodeType of ['EXTRACTOR', 'SEGMENTER', 'MERGER', 'BRANCH', 'SWITCH', 'GUARDRAIL'])
      assert.ok(labels.includes(nodeType), `${nodeType} missing from ${labels.join(', ')}`);
  });

  it('completes only in a workspace with forge.json: without it a workflows/*.json gets no Forge schema', async function () {
    this.timeout(90_000);
    const otherPath = 'workflows/schema-elsewhere.json';
    const text = workflowText('schema-elsewhere', [planNode('start')]);
    const forgeJson = readFileSync(workspaceUri('forge.json').fsPath, 'utf8');
    const { document } = await openInEditor(await writeWorkspaceFile(otherPath, text));
    const inside = text.indexOf('"COMPUTE"') + 1;
    try {
      assert.ok((await completionsAt(document, inside, 'EXTRACTOR')).includes('EXTRACTOR'), 'with forge.json');
      await deleteWorkspaceFile('forge.json');
      // The schema is served again as an empty one; the language server picks that up on its own.
      const deadline = Date.now() + 20_000;
      let labels = await completionsAt(document, inside, 'EXTRACTOR', 0);
      while (labels.includes('EXTRACTOR') && Date.now() < deadline) {
        await sleep(250);
        labels = await completionsAt(document, inside, 'EXTRACTOR', 0);
      }
      const served = (await vscode.workspace.openTextDocument(vscode.Uri.parse('forge-schema:/workflow.editor.schema.json'))).getText();
      assert.equal(served, '{}', 'the schema served without forge.json');
      assert.ok(!labels.includes('EXTRACTOR'), `without forge.json: ${labels.join(', ')}`);
    } finally {
      await writeWorkspaceFile('forge.json', forgeJson);
    }
    assert.ok((await completionsAt(document, inside, 'EXTRACTOR')).includes('EXTRACTOR'), 'forge.json back');
    await closeAllEditors();
    await deleteWorkspaceFile(otherPath);
  });

  it('explains fields on hover from the editor schema, the envelope category included', async () => {
    const hoverPath = 'workflows/schema-hover.json';
    const text = `${JSON.stringify({ kind: 'workflow', name: 'schema-hover', category: 'claims', spec: { plan: { nodes: [planNode('start')] } } }, null, 2)}\n`;
    const { document } = await openInEditor(await writeWorkspaceFile(hoverPath, text));
    try {
      const position = document.positionAt(text.indexOf('"category"') + 2);
      const explained = /Category the Marie\\?-AI planner registry lists the workflow under/;
      // Like completion, hover waits for the JSON language server to start and load the schema.
      const deadline = Date.now() + 20_000;
      let shown = '';
      for (;;) {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
        shown = hovers.flatMap((hover) => hover.contents.map((part) => (typeof part === 'string' ? part : part.value))).join('\n');
        if (explained.test(shown) || Date.now() > deadline) break;
        await sleep(250);
      }
      assert.match(shown, explained);
    } finally {
      await closeAllEditors();
      await deleteWorkspaceFile(hoverPath);
    }
  });
});
