import assert from 'node:assert/strict';
import { checkJsonPath } from '../../../core/validation/jsonPathExpression';
import { applyEdits, assertDiagnostic, assertNone, checkWorkflow, classifyNode, covered, diagnose, nodeLine, single, startNode, workflowText } from './validationHelpers';

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
    assertDiagnostic(empty.text, single(empty.diagnostics, 'invalid-jsonpath'), {
      code: 'invalid-jsonpath',
      severity: 'error',
      line: nodeLine(2),
      character: empty.column,
      covers: '""',
    });
    assert.equal(empty.column, 155);
    const unrooted = guardrailReading('nodes.classify.output');
    assert.equal(
      single(unrooted.diagnostics, 'invalid-jsonpath').message,
      'JSONPath "nodes.classify.output" must start with $ (the context root) or @ (the current value)',
    );
    const broken = guardrailReading('$.nodes.classify.output[');
    assert.equal(single(broken.diagnostics, 'invalid-jsonpath').message, 'JSONPath "$.nodes.classify.output[" is not a valid JSONPath (unexpected end)');
    assert.deepEqual(guardrailReading('$.nodes.classify.output').diagnostics, []);
  });

  it('invalid-jsonpath: in nested branch conditions and switch fields', () => {
    const condition =
      '{"combinator": "OR", "conditions": [{"jsonpath": "$.metadata.type", "operator": "exists"}, {"combinator": "AND", "conditions": [{"jsonpath": "$.data[?(@.x >)]", "operator": "exists"}]}]}';
    const branch = `{"task_id": "route", "query_str": "r", "dependencies": ["start"], "node_type": "BRANCH", "definition": {"method": "BRANCH", "default_path_id": "b", "paths": [{"path_id": "a", "target_node_ids": ["a"], "condition": ${condition}}, {"path_id": "b", "target_node_ids": []}]}}`;
    const a = '{"task_id": "a", "query_str": "a", "dependencies": ["route"], "definition": {"method": "NOOP"}}';
    const text = workflowText([startNode, branch, a]);
    const diagnostic = single(diagnose(text), 'invalid-jsonpath');
    assertDiagnostic(text, diagnostic, {
      code: 'invalid-jsonpath',
      severity: 'error',
      line: nodeLine(1),
      character: 6 + branch.indexOf('"$.data'),
      covers: '"$.data[?(@.x >)]"',
    });
    assert.deepEqual(diagnostic.path, ['spec', 'plan', 'nodes', 1, 'definition', 'paths', 0, 'condition', 'conditions', 1, 'conditions', 0, 'jsonpath']);

    const switchNode =
      '{"task_id": "route", "query_str": "r", "dependencies": ["start"], "node_type": "SWITCH", "definition": {"method": "SWITCH", "switch_field": "document_type", "cases": {"x": ["a"]}}}';
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

  it('invalid-jsonpath: a dot member starting with a digit (UUID task_ids), with a fix to the bracketed form', () => {
    const uuid = '01930d8c-0000-7000-8000-000000000001';
    const uuidNode = classifyNode.replace('"classify"', `"${uuid}"`);
    const node = `{"task_id": "check", "query_str": "c", "dependencies": ["${uuid}"], "node_type": "GUARDRAIL", "definition": {"method": "GUARDRAIL", "input_source": "$.nodes.${uuid}.output", "metrics": [{"type": "relevance", "name": "r"}], "paths": [{"path_id": "pass", "target_node_ids": []}, {"path_id": "fail", "target_node_ids": []}]}}`;
    const { text, diagnostics, column } = checkWorkflow([startNode, uuidNode, node]);
    const diagnostic = single(diagnostics, 'invalid-jsonpath');
    assertDiagnostic(text, diagnostic, {
      code: 'invalid-jsonpath',
      severity: 'error',
      line: nodeLine(2),
      character: column(`"$.nodes.${uuid}`),
      covers: `"$.nodes.${uuid}.output"`,
    });
    assert.equal(
      diagnostic.message,
      `JSONPath "$.nodes.${uuid}.output" has a dot member starting with a digit, which Marie-AI's JSONPath parser refuses (the value then reads as None); write $.nodes['${uuid}'].output`,
    );
    assert.equal(diagnostic.fix?.title, `Change to $.nodes['${uuid}'].output`);
    assert.deepEqual(diagnose(applyEdits(text, diagnostic.fix?.edits ?? [])), []);
    assert.deepEqual(checkJsonPath(`$.nodes['${uuid}'].output`), { ok: true, nodeId: uuid });
  });

  it('folds the JSONPath a misspelled dependency breaks into the unknown-dependency: one problem, one diagnostic', () => {
    // "check" misspells its dependency on "classify", so the $.nodes.classify it reads is no longer upstream.
    const node = (dependency: string, reads: string) =>
      `{"task_id": "check", "query_str": "c", "dependencies": ["${dependency}"], "node_type": "GUARDRAIL", "definition": {"method": "GUARDRAIL", "input_source": "$.nodes.${reads}.output", "metrics": [{"type": "relevance", "name": "r"}], "paths": [{"path_id": "pass", "target_node_ids": []}, {"path_id": "fail", "target_node_ids": []}]}}`;
    for (const reads of ['classify', 'clasify']) {
      const { text, diagnostics } = checkWorkflow([startNode, classifyNode, node('clasify', reads)]);
      assert.deepEqual(
        diagnostics.map((d) => d.code),
        ['unknown-dependency'],
        reads,
      );
      const [diagnostic] = diagnostics;
      assert.deepEqual(
        diagnostic?.related?.map((related) => covered(text, related.range)),
        [`"$.nodes.${reads}.output"`],
      );
      assert.equal(
        diagnostic?.related?.[0]?.message,
        reads === 'classify'
          ? '"$.nodes.classify.output" reads "classify", which is not upstream while this dependency names no node'
          : '"$.nodes.clasify.output" reads "clasify" too, which is not in the plan either',
      );
      // Fixing the dependency fixes the JSONPath too, unless the JSONPath repeats the typo (then it shows).
      const fixed = diagnose(applyEdits(text, diagnostic?.fix?.edits ?? []));
      assert.deepEqual(
        fixed.map((d) => d.code),
        reads === 'classify' ? [] : ['jsonpath-unknown-node'],
      );
    }
    // The typo may sit further upstream: "route" reads "classify" through "review", whose dependency is misspelled.
    const review = '{"task_id": "review", "query_str": "r", "dependencies": ["clasify"], "definition": {"method": "NOOP"}}';
    const route =
      '{"task_id": "route", "query_str": "p", "dependencies": ["review"], "node_type": "SWITCH", "definition": {"method": "SWITCH", "switch_field": "$.nodes.classify.output.kind", "cases": {"a": []}}}';
    assert.deepEqual(
      checkWorkflow([startNode, classifyNode, review, route]).diagnostics.map((d) => d.code),
      ['unknown-dependency'],
    );
    // An unrelated unknown dependency explains nothing: both are reported.
    assert.deepEqual(
      checkWorkflow([startNode, classifyNode, node('ghost', 'classify')])
        .diagnostics.map((d) => d.code)
        .sort(),
      ['jsonpath-unknown-node', 'unknown-dependency'],
    );
  });
});
