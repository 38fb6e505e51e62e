import assert from 'node:assert/strict';
import type { JSONPath } from 'jsonc-parser';
import * as vscode from 'vscode';
import { expectedRange, plainRange } from './support/expectedRanges';
import {
  closeAllEditors,
  deleteWorkspaceFile,
  forgeDiagnostics,
  jsonDiagnosticsAfterProbe,
  openInEditor,
  waitForCode,
  waitForJsonDiagnostics,
  writeWorkspaceFile,
} from './support/workspace';
import { branchDefinition, planNode, workflowText } from './support/workflowText';

const { Error: error, Warning: warning } = vscode.DiagnosticSeverity;

/** One rule family: a workflow that breaks it and where the diagnostic must point. */
interface RuleCase {
  code: string;
  severity: vscode.DiagnosticSeverity;
  text: string;
  path: JSONPath;
  key?: boolean;
  message: RegExp;
}

const ruleCases: Record<string, RuleCase> = {
  schema: {
    code: 'schema',
    severity: error,
    text: workflowText('schema-case', [
      planNode('start'),
      { task_id: 'next', dependencies: ['start'], node_type: 'COMPUTE', definition: { method: 'NOOP', endpoint: 'noop', params: {} } },
    ]),
    path: ['spec', 'plan', 'nodes', 1],
    message: /query_str/,
  },
  'duplicate-task-id': {
    code: 'duplicate-task-id',
    severity: error,
    text: workflowText('duplicate-case', [planNode('start'), planNode('step', ['start']), planNode('step', ['start'])]),
    path: ['spec', 'plan', 'nodes', 2, 'task_id'],
    message: /"step"/,
  },
  'unknown-dependency': {
    code: 'unknown-dependency',
    severity: error,
    text: workflowText('dependency-case', [planNode('start'), planNode('classify', ['start']), planNode('publish', ['clasify'])]),
    path: ['spec', 'plan', 'nodes', 2, 'dependencies', 0],
    message: /"clasify"/,
  },
  'self-dependency': {
    code: 'self-dependency',
    severity: error,
    text: workflowText('self-case', [planNode('start'), planNode('loop', ['start', 'loop'])]),
    path: ['spec', 'plan', 'nodes', 1, 'dependencies', 1],
    message: /"loop"/,
  },
  'multiple-roots': {
    code: 'multiple-roots',
    severity: error,
    text: workflowText('roots-case', [planNode('start'), planNode('other')]),
    path: ['spec', 'plan', 'nodes', 1, 'dependencies'],
    message: /root/,
  },
  'unknown-method': {
    code: 'unknown-method',
    severity: error,
    text: workflowText('method-case', [planNode('start', [], { method: 'TELEPORT', endpoint: 'x', params: {} })]),
    path: ['spec', 'plan', 'nodes', 0, 'definition', 'method'],
    message: /TELEPORT/,
  },
  'node-type-mismatch': {
    code: 'node-type-mismatch',
    severity: error,
    text: workflowText('mismatch-case', [planNode('start'), planNode('late', ['start'], { method: 'NOOP', endpoint: 'noop', params: {} }, 'SWITCH')]),
    path: ['spec', 'plan', 'nodes', 1, 'node_type'],
    message: /NOOP/,
  },
  'unknown-target': {
    code: 'unknown-target',
    severity: error,
    text: workflowText('target-case', [planNode('start'), planNode('route', ['start'], branchDefinition(['archve']), 'BRANCH'), planNode('archive', ['route'])]),
    path: ['spec', 'plan', 'nodes', 1, 'definition', 'paths', 0, 'target_node_ids', 0],
    message: /"archve"/,
  },
  'target-not-dependent': {
    code: 'target-not-dependent',
    severity: error,
    text: workflowText('gate-case', [planNode('start'), planNode('route', ['start'], branchDefinition(['handle']), 'BRANCH'), planNode('handle', ['start'])]),
    path: ['spec', 'plan', 'nodes', 1, 'definition', 'paths', 0, 'target_node_ids', 0],
    message: /"handle"/,
  },
  'invalid-jsonpath': {
    code: 'invalid-jsonpath',
    severity: error,
    text: workflowText('jsonpath-case', [
      planNode('start'),
      planNode(
        'route',
        ['start'],
        {
          ...branchDefinition(['a']),
          paths: [
            { path_id: 'main', target_node_ids: ['a'], condition: { jsonpath: 'metadata.kind', operator: '==', value: 'x' } },
            { path_id: 'other', target_node_ids: ['b'] },
          ],
        },
        'BRANCH',
      ),
      planNode('a', ['route']),
      planNode('b', ['route']),
    ]),
    path: ['spec', 'plan', 'nodes', 1, 'definition', 'paths', 0, 'condition', 'jsonpath'],
    message: /metadata\.kind/,
  },
  'output-not-sink': {
    code: 'output-not-sink',
    severity: error,
    text: workflowText('outputs-case', [planNode('start'), planNode('end', ['start'])], { outputs: { start: { type: 'object' } } }),
    path: ['spec', 'outputs', 'start'],
    key: true,
    message: /"start"/,
  },
  'merger-single-input': {
    code: 'merger-single-input',
    severity: warning,
    text: workflowText('merger-case', [
      planNode('start'),
      planNode('merge', ['start'], { method: 'MERGER_ENHANCED', endpoint: 'merger', merge_strategy: 'wait_all_active', params: {} }, 'MERGER'),
    ]),
    path: ['spec', 'plan', 'nodes', 1, 'dependencies'],
    message: /single dependency/,
  },
  'unknown-key': {
    code: 'unknown-key',
    severity: warning,
    text: workflowText('key-case', [planNode('start', [], { method: 'NOOP', endpoint: 'noop', params: {}, colour: 'red' })]),
    path: ['spec', 'plan', 'nodes', 0, 'definition', 'colour'],
    key: true,
    message: /colour/,
  },
};

describe('inline diagnostics per rule', () => {
  const written: string[] = [];

  afterEach(async () => {
    await closeAllEditors();
    for (const path of written.splice(0)) await deleteWorkspaceFile(path);
  });

  async function openCase(name: string, text: string): Promise<vscode.TextDocument> {
    const path = `workflows/${name}.json`;
    written.push(path);
    return (await openInEditor(await writeWorkspaceFile(path, text))).document;
  }

  for (const [name, rule] of Object.entries(ruleCases)) {
    it(`${name}: code, severity, source and the exact range of the offending node`, async () => {
      const document = await openCase(`rule-${name}`, rule.text);
      const diagnostic = await waitForCode(document.uri, rule.code);
      assert.equal(diagnostic.source, 'forge');
      assert.equal(diagnostic.severity, rule.severity);
      assert.match(diagnostic.message, rule.message);
      assert.equal(plainRange(diagnostic.range), plainRange(expectedRange(document, rule.path, { key: rule.key })));
    });
  }

  it("invalid-json: a syntax error VS Code's JSON support shows is not shown again; a trailing comma is ours alone", async () => {
    const text = '{\n  "kind": "workflow",,\n  "name": "broken"\n}\n';
    const document = await openCase('rule-invalid-json', text);
    const [editorError] = await waitForJsonDiagnostics(document.uri, (found) => found.length > 0);
    const offset = text.indexOf(',,') + 1;
    assert.equal(plainRange(editorError!.range), plainRange(new vscode.Range(document.positionAt(offset), document.positionAt(offset + 1))));
    const trailing = '{\n  "kind": "workflow",\n  "name": "trailing",\n  "spec": {"plan": {"nodes": []}},\n}\n';
    const other = await openCase('rule-trailing-comma', trailing);
    const diagnostic = await waitForCode(other.uri, 'invalid-json');
    assert.equal(diagnostic.severity, error);
    const at = trailing.lastIndexOf('}');
    assert.equal(plainRange(diagnostic.range), plainRange(new vscode.Range(other.positionAt(at), other.positionAt(at + 1))));
    assert.deepEqual(await jsonDiagnosticsAfterProbe(other.uri), []);
    // The first file was validated before the second: the validator found the same error there (the CLI reports
    // it), but the editor already shows it.
    assert.deepEqual(forgeDiagnostics(document.uri), []);
  });

  it("the editor's JSON schema reports none of the problems the validator reports (one problem, one diagnostic)", async () => {
    const text = workflowText('schema-quiet', [
      planNode('start'),
      { ...planNode('next', ['start'], { method: 'LLM', endpoint: 'x', params: {} }, 'EXTRACT'), colour: 'red' },
    ]);
    const document = await openCase('rule-schema-once', text);
    await waitForCode(document.uri, 'schema');
    await waitForCode(document.uri, 'unknown-key');
    assert.deepEqual(await jsonDiagnosticsAfterProbe(document.uri), []);
  });

  it("each diagnostic's code links to its rule's section of docs/rules.md, shipped with the extension", async () => {
    const document = await openCase('rule-link', ruleCases['unknown-dependency']!.text);
    const diagnostic = await waitForCode(document.uri, 'unknown-dependency');
    const code = diagnostic.code as { value: string; target: vscode.Uri };
    assert.equal(code.value, 'unknown-dependency');
    assert.match(code.target.path, /\/docs\/rules\.md$/);
    const line = Number(/^L(\d+)$/.exec(code.target.fragment)?.[1]);
    const docs = new TextDecoder().decode(await vscode.workspace.fs.readFile(code.target.with({ fragment: '' })));
    assert.equal(docs.split('\n')[line - 1], '### `unknown-dependency`');
  });

  it('cycle: the path in the message and every edge as related information', async () => {
    const text = workflowText('cycle-case', [planNode('start'), planNode('a', ['start', 'c']), planNode('b', ['a']), planNode('c', ['b'])]);
    const document = await openCase('rule-cycle', text);
    const diagnostic = await waitForCode(document.uri, 'cycle');
    assert.match(diagnostic.message, /a → b → c → a/);
    const related = diagnostic.relatedInformation ?? [];
    assert.equal(related.length, 3);
    for (const info of related) assert.equal(info.location.uri.toString(), document.uri.toString());
    const edges: Array<[number, number]> = [
      [1, 1], // a depends on c
      [3, 0], // c depends on b
      [2, 0], // b depends on a
    ];
    assert.deepEqual(
      related.map((info) => plainRange(info.location.range)).sort(),
      edges.map(([node, dependency]) => plainRange(expectedRange(document, ['spec', 'plan', 'nodes', node, 'dependencies', dependency]))).sort(),
    );
  });

  it('a valid workflow has no diagnostics', async () => {
    const text = workflowText('valid-case', [planNode('start'), planNode('finish', ['start'])]);
    const document = await openCase('rule-valid', text);
    // Another file's diagnostics arriving proves validation ran; this one must stay clean meanwhile.
    const probe = await openCase('rule-probe', workflowText('probe-case', [planNode('start'), planNode('other')]));
    await waitForCode(probe.uri, 'multiple-roots');
    assert.deepEqual(
      vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'forge'),
      [],
    );
  });
});
