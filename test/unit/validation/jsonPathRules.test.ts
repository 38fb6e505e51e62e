import assert from 'node:assert/strict';
import { checkJsonPath } from '../../../core/validation/jsonPathExpression';
import { assertDiagnostic, assertNone, checkWorkflow, classifyNode, diagnose, nodeLine, single, startNode, workflowText } from './validationHelpers';

/** A guardrail after `classify` reading `inputSource`, with `publish` as its pass target. */
function guardrailReading(inputSource: string, extraNodes: string[] = []) {
  const node = `{"task_id": "check", "query_str": "c", "dependencies": ["classify"], "node_type": "GUARDRAIL", "definition": {"method": "GUARDRAIL", "input_source": ${JSON.stringify(inputSource)}, "metrics": [{"type": "relevance", "name": "r"}], "paths": [{"path_id": "pass", "target_node_ids": ["publish"]}, {"path_id": "fail", "target_node_ids": []}]}}`;
  const publish = '{"task_id": "publish", "query_str": "p", "dependencies": ["check"], "definition": {"method": "NOOP"}}';
  const { text, diagnostics, column } = checkWorkflow([startNode, classifyNode, node, publish, ...extraNodes], 2);
  return { text, diagnostics, column: column(JSON.stringify(inputSource)) };
}

describe('JSONPath rules', () => {
  it('accepts RFC 9535 and Marie-AI (jsonpath-ng) syntax', () => {
    for (const expression of [
      '$',
      '$.metadata.document_type',
      '$.results[0].confidence',
      '$.data[*].score',
      '$..total',
      "$['metadata']['document type']",
      '$.data[?(@.score > 0.8)]',
      '$.data[?@.score > 0.8]',
      "$.errors[?(@.severity=='critical')]",
      '$.errors[?(@.severity = "critical")]',
      '$.metadata.tags[?(@ =~ "invoice.*")]',
      '$.items[?(@.qty > 1 & @.price < 10)]',
      '$.nodes.extract-medical.output',
      '@.confidence',
    ]) {
      assert.deepEqual(checkJsonPath(expression).ok, true, expression);
    }
  });

  it('rejects empty, unrooted and unparseable expressions with a reason', () => {
    assert.deepEqual(checkJsonPath(''), { ok: false, reason: 'is empty' });
    assert.deepEqual(checkJsonPath('metadata.type'), { ok: false, reason: 'must start with $ (the context root) or @ (the current value)' });
    assert.deepEqual(checkJsonPath('$.data[?(@.score >)]'), { ok: false, reason: 'is not a valid JSONPath (unexpected ")")' });
    assert.deepEqual(checkJsonPath('$.data.'), { ok: false, reason: 'is not a valid JSONPath (unexpected end)' });
    assert.equal(checkJsonPath(`$${'.a'.repeat(1500)}`).ok, false);
  });

  it('finds the node a $.nodes path reads', () => {
    assert.deepEqual(checkJsonPath('$.nodes.classify.output'), { ok: true, nodeId: 'classify' });
    assert.deepEqual(checkJsonPath("$['nodes']['classify'].output[?(@.x == 1)]"), { ok: true, nodeId: 'classify' });
    assert.deepEqual(checkJsonPath('$.nodes[*].output'), { ok: true });
    assert.deepEqual(checkJsonPath('@.nodes.classify'), { ok: true });
  });

  it('invalid-jsonpath: at the expression string', () => {
    const empty = guardrailReading('');
    assertDiagnostic(empty.text, single(empty.diagnostics, 'invalid-jsonpath'), { code: 'invalid-jsonpath', severity: 'error', line: nodeLine(2), character: empty.column, covers: '""' });
    assert.equal(empty.column, 155);
    const unrooted = guardrailReading('nodes.classify.output');
    assert.equal(single(unrooted.diagnostics, 'invalid-jsonpath').message, 'JSONPath "nodes.classify.output" must start with $ (the context root) or @ (the current value)');
    const broken = guardrailReading('$.nodes.classify.output[');
    assert.equal(single(broken.diagnostics, 'invalid-jsonpath').message, 'JSONPath "$.nodes.classify.output[" is not a valid JSONPath (unexpected end)');
    assert.deepEqual(guardrailReading('$.nodes.classify.output').diagnostics, []);
  });

  it('invalid-jsonpath: in nested branch conditions and switch fields', () => {
    const condition = '{"combinator": "OR", "conditions": [{"jsonpath": "$.metadata.type", "operator": "exists"}, {"combinator": "AND", "conditions": [{"jsonpath": "$.data[?(@.x >)]", "operator": "exists"}]}]}';
    const branch = `{"task_id": "route", "query_str": "r", "dependencies": ["start"], "node_type": "BRANCH", "definition": {"method": "BRANCH", "default_path_id": "b", "paths": [{"path_id": "a", "target_node_ids": ["a"], "condition": ${condition}}, {"path_id": "b", "target_node_ids": []}]}}`;
    const a = '{"task_id": "a", "query_str": "a", "dependencies": ["route"], "definition": {"method": "NOOP"}}';
    const text = workflowText([startNode, branch, a]);
    const diagnostic = single(diagnose(text), 'invalid-jsonpath');
    assertDiagnostic(text, diagnostic, { code: 'invalid-jsonpath', severity: 'error', line: nodeLine(1), character: 6 + branch.indexOf('"$.data'), covers: '"$.data[?(@.x >)]"' });
    assert.deepEqual(diagnostic.path, ['spec', 'plan', 'nodes', 1, 'definition', 'paths', 0, 'condition', 'conditions', 1, 'conditions', 0, 'jsonpath']);

    const switchNode = '{"task_id": "route", "query_str": "r", "dependencies": ["start"], "node_type": "SWITCH", "definition": {"method": "SWITCH", "switch_field": "document_type", "cases": {"x": ["a"]}}}';
    assert.equal(single(diagnose(workflowText([startNode, switchNode, a])), 'invalid-jsonpath').severity, 'error');
  });

  it('jsonpath-unknown-node: a $.nodes path naming no node', () => {
    const { text, diagnostics, column } = guardrailReading('$.nodes.clasify.output');
    const diagnostic = single(diagnostics, 'jsonpath-unknown-node');
    assertDiagnostic(text, diagnostic, { code: 'jsonpath-unknown-node', severity: 'error', line: nodeLine(2), character: column, covers: '"$.nodes.clasify.output"' });
    assert.equal(diagnostic.message, '"$.nodes.clasify.output" reads node "clasify", which is not in the plan');
  });

  it('jsonpath-unknown-node: a node that is not upstream', () => {
    const downstream = guardrailReading('$.nodes.publish.output');
    assert.equal(
      single(downstream.diagnostics, 'jsonpath-unknown-node').message,
      '"$.nodes.publish.output" reads node "publish", which is not upstream of "check": its output may not exist yet',
    );
    const sideways = guardrailReading('$.nodes.other.output', ['{"task_id": "other", "query_str": "o", "dependencies": ["start"], "definition": {"method": "NOOP"}}']);
    assert.equal(single(sideways.diagnostics, 'jsonpath-unknown-node').severity, 'error');
    // Upstream through several hops is fine.
    assertNone(guardrailReading('$.nodes.start.output').diagnostics, 'jsonpath-unknown-node');
  });
});
