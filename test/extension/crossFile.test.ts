import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { expectedRange, plainRange } from './support/expectedRanges';
import {
  closeAllEditors,
  codeOf,
  deleteWorkspaceFile,
  forgeDiagnostics,
  openInEditor,
  waitForCode,
  waitForDiagnostics,
  waitForNone,
  workspaceUri,
  writeWorkspaceFile,
} from './support/workspace';
import { planNode, workflowText } from './support/workflowText';

const agentText = (name: string): string =>
  `${JSON.stringify({ kind: 'agent', name, spec: { model: { connection: 'default-llm', name: 'qwen2_5_7b_instruct' }, system_prompt: 'Summarize.' } }, null, 2)}\n`;

const usingAgent = (workflow: string, agent: string): string =>
  workflowText(workflow, [planNode('start', [], { method: 'LLM', endpoint: 'summarize', model_name: 'qwen_v2_5_vl', params: { agent } })]);

/**
 * Like usingAgent, plus a second root: the multiple-roots error is always there, so seeing it alone proves a
 * validation ran with the agent known (an empty list could also mean "not validated yet").
 */
const usingAgentWithMarker = (workflow: string, agent: string): string =>
  workflowText(workflow, [planNode('start', [], { method: 'LLM', endpoint: 'summarize', model_name: 'qwen_v2_5_vl', params: { agent } }), planNode('marker')]);

const onlyMarker = (uri: vscode.Uri): Promise<vscode.Diagnostic[]> =>
  waitForDiagnostics(uri, (found) => found.length === 1 && found[0] !== undefined && codeOf(found[0]) === 'multiple-roots', { what: 'only the multiple-roots marker' });

describe('cross-file references (unresolved-reference)', () => {
  // Fresh names per test: VS Code keeps closed documents loaded for a while, with their old text.
  let count = 0;
  let id = '';
  let written: string[] = [];
  const write = async (path: string, text: string): Promise<vscode.Uri> => {
    written.push(path);
    return writeWorkspaceFile(path, text);
  };

  beforeEach(() => {
    id = `x${++count}`;
    written = [];
  });

  afterEach(async () => {
    await closeAllEditors();
    for (const path of written) await deleteWorkspaceFile(path).catch(() => undefined);
  });

  it('warns at params.agent when no agent has that name, and stops when one appears on disk', async () => {
    const { document } = await openInEditor(await write(`workflows/flow-${id}.json`, usingAgent(`flow-${id}`, `agent-${id}`)));
    const diagnostic = await waitForCode(document.uri, 'unresolved-reference');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(plainRange(diagnostic.range), plainRange(expectedRange(document, ['spec', 'plan', 'nodes', 0, 'definition', 'params', 'agent'])));

    await write(`agents/agent-${id}.json`, agentText(`agent-${id}`));
    await waitForNone(document.uri);

    await deleteWorkspaceFile(`agents/agent-${id}.json`);
    await waitForCode(document.uri, 'unresolved-reference');
  });

  it('resolves against agents of the fixture repository that are not open', async () => {
    const { document } = await openInEditor(await write(`workflows/flow-${id}.json`, usingAgent(`flow-${id}`, 'triage-agent')));
    // A broken sibling in the same run shows validation happened; the reference itself must stay clean.
    const probe = await openInEditor(await write(`workflows/probe-${id}.json`, usingAgent(`probe-${id}`, 'nobody')));
    await waitForCode(probe.document.uri, 'unresolved-reference');
    assert.deepEqual(forgeDiagnostics(document.uri), []);
  });

  it('re-validates an open workflow when an open agent is renamed in its editor, before any save', async () => {
    await write(`agents/agent-${id}.json`, agentText(`agent-${id}`));
    const workflow = await openInEditor(await write(`workflows/flow-${id}.json`, usingAgentWithMarker(`flow-${id}`, `agent-${id}`)));
    const agent = await openInEditor(workspaceUri(`agents/agent-${id}.json`));
    await onlyMarker(workflow.document.uri);

    const edit = new vscode.WorkspaceEdit();
    const name = `"agent-${id}"`;
    const at = agent.document.getText().indexOf(name);
    assert.ok(at >= 0);
    edit.replace(agent.document.uri, new vscode.Range(agent.document.positionAt(at), agent.document.positionAt(at + name.length)), `"renamed-${id}"`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForCode(workflow.document.uri, 'unresolved-reference');
  });

  it('re-validates dependents when an agent file is renamed on disk and its name changes', async () => {
    await write(`agents/agent-${id}.json`, agentText(`agent-${id}`));
    const { document } = await openInEditor(await write(`workflows/flow-${id}.json`, usingAgentWithMarker(`flow-${id}`, `agent-${id}`)));
    await onlyMarker(document.uri);

    written.push(`agents/renamed-${id}.json`);
    await vscode.workspace.fs.rename(workspaceUri(`agents/agent-${id}.json`), workspaceUri(`agents/renamed-${id}.json`));
    await writeWorkspaceFile(`agents/renamed-${id}.json`, agentText(`renamed-${id}`));
    await waitForCode(document.uri, 'unresolved-reference');
  });
});
