import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { expectedRange, plainRange } from './support/expectedRanges';
import { closeAllEditors, deleteWorkspaceFile, forgeDiagnostics, openInEditor, waitForCode, waitForNone, workspaceUri, writeWorkspaceFile } from './support/workspace';
import { branchDefinition, planNode, workflowText } from './support/workflowText';

/** The quick fixes VS Code collects at a diagnostic's range (the command drops `diagnostics` from the actions). */
async function quickFixes(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    document.uri,
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
  );
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
    const { document } = await openInEditor(
      await writeWorkspaceFile(path, workflowText('fix-dependency', [planNode('start'), planNode('classify', ['start']), planNode('publish', ['clasify'])])),
    );
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
      const { document } = await openInEditor(
        await writeWorkspaceFile(path, workflowText('fix-stale', [planNode('start'), planNode('classify', ['start']), planNode('publish', ['clasify'])])),
      );
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

describe('quick fixes for a shadowed branch path (fixture workflows/document-routing.json)', () => {
  const fixture = 'workflows/document-routing.json';

  afterEach(async () => {
    // Reverts the applied fix: the fixture on disk stays as it is.
    await closeAllEditors();
  });

  async function openFixture(): Promise<{ document: vscode.TextDocument; diagnostic: vscode.Diagnostic }> {
    const { document } = await openInEditor(workspaceUri(fixture));
    return { document, diagnostic: await waitForCode(document.uri, 'branch-path-shadowed') };
  }

  it('warns at the unconditional path with the paths it shadows as related locations', async () => {
    const { document, diagnostic } = await openFixture();
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(forgeDiagnostics(document.uri).length, 1);
    assert.equal(plainRange(diagnostic.range), plainRange(expectedRange(document, ['spec', 'plan', 'nodes', 2, 'definition', 'paths', 2, 'path_id'])));
    assert.match(diagnostic.message, /^path "other" has no condition, so it always matches; with priority 3 it is tried before "contract", "invoice"/);
    const related = diagnostic.relatedInformation ?? [];
    assert.deepEqual(
      related.map((info) => [info.location.uri.toString(), plainRange(info.location.range), info.message]),
      [
        [
          document.uri.toString(),
          plainRange(expectedRange(document, ['spec', 'plan', 'nodes', 2, 'definition', 'paths', 1, 'path_id'])),
          'path "contract" (priority 2) is never reached: "other" matches first',
        ],
        [
          document.uri.toString(),
          plainRange(expectedRange(document, ['spec', 'plan', 'nodes', 2, 'definition', 'paths', 0, 'path_id'])),
          'path "invoice" (priority 1) is never reached: "other" matches first',
        ],
      ],
    );
  });

  it('offers two fixes; "evaluate last" lowers the priority below the others and clears the warning', async () => {
    const { document, diagnostic } = await openFixture();
    const fixes = await quickFixes(document, diagnostic);
    assert.deepEqual(
      fixes.map((fix) => [fix.title, fix.isPreferred]),
      [
        ['Evaluate "other" last (priority 0)', true],
        ['Make "other" the default path (default_path_id, evaluated last)', false],
      ],
    );
    await apply(fixes[0]!);
    await waitForNone(document.uri);
    const route = JSON.parse(document.getText()).spec.plan.nodes[2].definition;
    assert.deepEqual(
      route.paths.map((path: { path_id: string; priority: number }) => [path.path_id, path.priority]),
      [
        ['invoice', 1],
        ['contract', 2],
        ['other', 0],
      ],
    );
    assert.equal(route.default_path_id, undefined);
  });

  it('"make it the default path" sets default_path_id and evaluates it last', async () => {
    const { document, diagnostic } = await openFixture();
    const fix = (await quickFixes(document, diagnostic)).find((action) => action.title.startsWith('Make "other" the default path'));
    assert.ok(fix, 'no default-path fix offered');
    await apply(fix);
    await waitForNone(document.uri);
    const route = JSON.parse(document.getText()).spec.plan.nodes[2].definition;
    assert.equal(route.default_path_id, 'other');
    assert.equal(route.paths[2].priority, 0);
  });
});
