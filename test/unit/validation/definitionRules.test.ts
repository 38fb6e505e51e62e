import assert from 'node:assert/strict';
import { assertDiagnostic, assertNone, checkWorkflow, nodeLine, single, startNode } from './validationHelpers';

/** A second node with the given node_type (omitted when undefined) and definition, after `start`. */
function withStep(definition: string, nodeType?: string) {
  const type = nodeType === undefined ? '' : `"node_type": "${nodeType}", `;
  return checkWorkflow([startNode, `{"task_id": "step", "query_str": "s", "dependencies": ["start"], ${type}"definition": ${definition}}`]);
}

describe('definition rules', () => {
  it('unknown-method: at the method value, listing the known methods', () => {
    const { text, diagnostics, column } = withStep('{"method": "OCR", "endpoint": "ocr"}');
    const diagnostic = single(diagnostics, 'unknown-method');
    assertDiagnostic(text, diagnostic, { code: 'unknown-method', severity: 'error', line: nodeLine(1), character: column('"OCR"'), covers: '"OCR"' });
    assert.equal(column('"OCR"'), 96);
    assert.match(diagnostic.message, /^unknown method "OCR"; expected one of NOOP, LLM, PYTHON_FUNCTION, EXECUTOR_ENDPOINT, BRANCH,/);
    assertNone(withStep('{"method": "PYTHON_FUNCTION", "endpoint": "claims.fields.normalize"}').diagnostics, 'unknown-method');
  });

  it('a missing method is a schema problem, not an unknown method', () => {
    const { diagnostics } = withStep('{"endpoint": "ocr"}');
    assertNone(diagnostics, 'unknown-method');
    assert.deepEqual(
      diagnostics.map((d) => `${d.code}: ${d.message}`),
      ['schema: missing required field "method"'],
    );
  });

  it('node-type-mismatch: at node_type when given', () => {
    const { text, diagnostics } = withStep('{"method": "MERGER_ENHANCED"}', 'COMPUTE');
    const diagnostic = single(diagnostics, 'node-type-mismatch');
    assertDiagnostic(text, diagnostic, { code: 'node-type-mismatch', severity: 'error', line: nodeLine(1), character: 84, covers: '"COMPUTE"' });
    assert.equal(diagnostic.message, 'method MERGER_ENHANCED runs as MERGER, not COMPUTE');
  });

  it('node-type-mismatch: at the method when node_type defaults to COMPUTE', () => {
    const definition = '{"method": "SWITCH", "switch_field": "$.metadata.kind", "cases": {"a": []}}';
    const { text, diagnostics, column } = withStep(definition);
    const diagnostic = single(diagnostics, 'node-type-mismatch');
    assertDiagnostic(text, diagnostic, { code: 'node-type-mismatch', severity: 'error', line: nodeLine(1), character: column('"SWITCH"'), covers: '"SWITCH"' });
    assert.equal(diagnostic.message, 'method SWITCH runs as SWITCH, not COMPUTE (the default node_type)');
  });

  it('node-type-mismatch: every pairing of the DAG.md table is accepted', () => {
    const pairs: Array<[string, string]> = [
      ['{"method": "NOOP"}', 'COMPUTE'],
      ['{"method": "LLM", "model_name": "m"}', 'EXTRACTOR'],
      ['{"method": "LLM", "model_name": "m"}', 'SEGMENTER'],
      ['{"method": "PYTHON_FUNCTION", "endpoint": "f"}', 'EXTRACTOR'],
      ['{"method": "EXECUTOR_ENDPOINT", "endpoint": "x://y"}', 'SEGMENTER'],
      ['{"method": "MERGER_ENHANCED"}', 'MERGER'],
      ['{"method": "NOOP"}', 'MERGER'],
      ['{"method": "HITL_ROUTER"}', 'COMPUTE'],
      ['{"method": "RAG_SEARCH"}', 'COMPUTE'],
      ['{"method": "RAG_INGEST", "source_id": "claims"}', 'COMPUTE'],
      ['{"method": "RAG_DELETE", "source_id": "claims"}', 'COMPUTE'],
      ['{"method": "CONTEXT_CACHE"}', 'COMPUTE'],
    ];
    for (const [definition, nodeType] of pairs) assertNone(withStep(definition, nodeType).diagnostics, 'node-type-mismatch');
    assert.equal(single(withStep('{"method": "NOOP"}', 'EXTRACTOR').diagnostics, 'node-type-mismatch').severity, 'error');
    assert.equal(single(withStep('{"method": "RAG_SEARCH"}', 'SEGMENTER').diagnostics, 'node-type-mismatch').severity, 'error');
  });

  it('unknown-key: a warning at each definition key the method does not read', () => {
    const { text, diagnostics, column } = withStep('{"method": "LLM", "model_name": "m", "modelName": "m", "temperature": 0.2}');
    const warnings = diagnostics.filter((d) => d.code === 'unknown-key');
    assert.equal(warnings.length, 2);
    assertDiagnostic(text, warnings[0]!, { code: 'unknown-key', severity: 'warning', line: nodeLine(1), character: column('"modelName"'), covers: '"modelName"' });
    assert.equal(warnings[0]!.message, 'LLM does not read "modelName"; Marie-AI drops it silently');
    assert.equal(warnings[1]!.message, 'LLM does not read "temperature"; Marie-AI drops it silently');
  });

  it('unknown-key: per-method keys are known (RAG_INGEST node_type, GUARDRAIL fail_fast, PYTHON_BRANCH function_timeout)', () => {
    assertNone(withStep('{"method": "RAG_INGEST", "source_id": "s", "node_type": "image", "batch_size": 10}').diagnostics, 'unknown-key');
    assertNone(
      withStep(
        '{"method": "GUARDRAIL", "fail_fast": true, "include_feedback": false, "metrics": [{"type": "relevance", "name": "r"}], "paths": [{"path_id": "pass"}, {"path_id": "fail"}]}',
        'GUARDRAIL',
      ).diagnostics,
      'unknown-key',
    );
    const pythonBranch =
      '{"method": "PYTHON_BRANCH", "branch_function": "claims.routing.pick", "function_timeout": 5, "paths": [{"path_id": "a", "target_node_ids": []}]}';
    assertNone(withStep(pythonBranch, 'BRANCH').diagnostics, 'unknown-key');
    // A key of another method is still unknown here.
    assert.equal(single(withStep('{"method": "NOOP", "model_name": "m"}').diagnostics, 'unknown-key').severity, 'warning');
  });
});
