import assert from 'node:assert/strict';
import { validateArtifactText } from '../../../core/validation/validateArtifactText';
import { validateRepository } from '../../../core/validation/validateRepository';
import { applyEdits, assertDiagnostic, assertNone, covered, nodeLine, single, startNode, workflowText } from './validationHelpers';

const agent = (name: string) => JSON.stringify({ kind: 'agent', name, spec: { model: { connection: 'openai', name: 'gpt-4o' }, system_prompt: 'Help.' } }, null, 2);
const processor = (name: string) =>
  JSON.stringify({ kind: 'processor', name, spec: { processor_type: 'classifier', endpoint: 'classify_executor://forms', classes: ['cms1500', 'ub04'] } }, null, 2);
const usingNode = (agentName: string, processorName: string) =>
  `{"task_id": "classify", "query_str": "c", "dependencies": ["start"], "definition": {"method": "LLM", "model_name": "m", "params": {"agent": "${agentName}", "processor": "${processorName}"}}}`;

describe('repository validation', () => {
  it('unresolved-reference: params.agent naming no agent, with a fix to the nearest name', () => {
    const node = usingNode('claims-asistant', 'cms1500');
    const workflow = workflowText([startNode, node]);
    const result = validateRepository([
      { path: 'workflows/claims-intake.json', text: workflow },
      { path: 'agents/claims-assistant.json', text: agent('claims-assistant') },
      { path: 'processors/cms1500.json', text: processor('cms1500') },
    ]);
    assert.deepEqual([result.errors, result.warnings], [0, 1]);
    const diagnostic = single(result.files[0]!.diagnostics, 'unresolved-reference');
    assertDiagnostic(workflow, diagnostic, {
      code: 'unresolved-reference',
      severity: 'warning',
      line: nodeLine(1),
      character: 6 + node.indexOf('"claims-asistant"'),
      covers: '"claims-asistant"',
    });
    assert.equal(diagnostic.message, 'no agent named "claims-asistant" in the repository');
    assert.equal(diagnostic.fix?.title, 'Change to "claims-assistant"');
    const fixed = applyEdits(workflow, diagnostic.fix?.edits ?? []);
    assert.equal(
      validateRepository([
        { path: 'w.json', text: fixed },
        { path: 'a.json', text: agent('claims-assistant') },
        { path: 'p.json', text: processor('cms1500') },
      ]).warnings,
      0,
    );
  });

  it('unresolved-reference: params.processor, and only against artifacts of that kind', () => {
    const workflow = workflowText([startNode, usingNode('cms1500', 'claims-assistant')]);
    const result = validateRepository([
      { path: 'workflows/w.json', text: workflow },
      { path: 'agents/a.json', text: agent('claims-assistant') },
      { path: 'processors/p.json', text: processor('cms1500') },
    ]);
    assert.deepEqual(
      result.files[0]!.diagnostics.map((d) => d.message),
      ['no agent named "cms1500" in the repository', 'no processor named "claims-assistant" in the repository'],
    );
  });

  it('duplicate-artifact-name: reported in each file, pointing at the other file', () => {
    const first = workflowText([startNode]);
    const second = workflowText([startNode]);
    const result = validateRepository([
      { path: 'workflows/a.json', text: first },
      { path: 'workflows/b.json', text: second },
      { path: 'agents/claims-intake.json', text: agent('claims-intake') },
    ]);
    assert.equal(result.errors, 2);
    const inA = single(result.files[0]!.diagnostics, 'duplicate-artifact-name');
    assertDiagnostic(first, inA, { code: 'duplicate-artifact-name', severity: 'error', line: 2, character: 10, covers: '"claims-intake"' });
    assert.equal(inA.message, 'workflow name "claims-intake" is also used by workflows/b.json');
    assert.deepEqual(
      inA.related?.map((r) => [r.file, r.range.start]),
      [['workflows/b.json', { line: 2, character: 10 }]],
    );
    assert.equal(single(result.files[1]!.diagnostics, 'duplicate-artifact-name').related?.[0]?.file, 'workflows/a.json');
    // Same name, different kind: no clash.
    assertNone(result.files[2]!.diagnostics, 'duplicate-artifact-name');
  });

  it('keeps file order, counts errors and warnings, and gives each readable artifact', () => {
    const result = validateRepository([
      { path: 'workflows/broken.json', text: '{"kind": "workflow",' },
      { path: 'agents/claims-assistant.json', text: agent('claims-assistant') },
    ]);
    assert.deepEqual(
      result.files.map((f) => f.path),
      ['workflows/broken.json', 'agents/claims-assistant.json'],
    );
    assert.equal(result.files[0]!.artifact, undefined);
    assert.equal(result.files[0]!.diagnostics[0]?.code, 'invalid-json');
    assert.deepEqual(result.files[1]!.artifact, { kind: 'agent', name: 'claims-assistant', value: JSON.parse(agent('claims-assistant')) });
    assert.equal(result.errors, result.files[0]!.diagnostics.length);
    assert.equal(result.warnings, 0);
    assert.deepEqual(validateRepository([]), { files: [], errors: 0, warnings: 0 });
  });

  it('validateArtifactText runs the cross-artifact rules when given the other artifacts', () => {
    const workflow = workflowText([startNode, usingNode('claims-asistant', 'cms1500')]);
    assertNone(validateArtifactText(workflow, 'workflows/w.json').diagnostics, 'unresolved-reference');
    const others = [
      { kind: 'agent' as const, name: 'claims-assistant', path: 'agents/a.json' },
      { kind: 'processor' as const, name: 'cms1500', path: 'processors/p.json' },
      { kind: 'workflow' as const, name: 'claims-intake', path: 'workflows/other.json' },
      // The file's own previous entry is not a clash.
      { kind: 'workflow' as const, name: 'claims-intake', path: 'workflows/w.json' },
    ];
    const diagnostics = validateArtifactText(workflow, 'workflows/w.json', others).diagnostics;
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['duplicate-artifact-name', 'unresolved-reference'],
    );
    assert.equal(covered(workflow, diagnostics[1]!.range), '"claims-asistant"');
    assert.equal(diagnostics[0]!.related?.[0]?.file, 'workflows/other.json');
  });
});
