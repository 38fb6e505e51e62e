import assert from 'node:assert/strict';
import { assertDiagnostic, classifyNode, diagnose, nodeLine, single, startNode, workflowText } from './validationHelpers';

const schemaOnly = (text: string) => diagnose(text).filter((d) => d.code === 'schema');

describe('schema rule', () => {
  it('passes a minimal valid workflow', () => {
    assert.deepEqual(diagnose(workflowText([startNode, classifyNode])), []);
  });

  it('reports a missing field at the object that lacks it', () => {
    const node = '{"task_id": "classify", "dependencies": ["start"], "definition": {"method": "NOOP"}}';
    const text = workflowText([startNode, node]);
    const diagnostic = single(diagnose(text), 'schema');
    assertDiagnostic(text, diagnostic, { code: 'schema', severity: 'error', line: nodeLine(1), character: 6, covers: node });
    assert.equal(diagnostic.message, 'missing required field "query_str"');
    assert.deepEqual(diagnostic.path, ['spec', 'plan', 'nodes', 1]);
  });

  it('reports a wrong type at the value', () => {
    const text = workflowText([startNode, classifyNode.replace('["start"]', '"start"')]);
    const diagnostic = single(diagnose(text), 'schema');
    assertDiagnostic(text, diagnostic, { code: 'schema', severity: 'error', line: nodeLine(1), character: 71, covers: '"start"' });
    assert.equal(diagnostic.message, '"dependencies" must be an array, not the string "start"');
  });

  it('reports a value outside an enum, listing the allowed values', () => {
    const text = workflowText([startNode, classifyNode.replace('"dependencies"', '"node_type": "LLM", "dependencies"')]);
    const diagnostic = single(diagnose(text), 'schema');
    assertDiagnostic(text, diagnostic, { code: 'schema', severity: 'error', line: nodeLine(1), character: 68, covers: '"LLM"' });
    assert.match(diagnostic.message, /^"node_type" must be one of "EXTRACTOR", "SEGMENTER", "COMPUTE", .* not "LLM"$/);
  });

  it('reports a number out of range at the number', () => {
    const node = '{"task_id": "search", "query_str": "s", "dependencies": ["start"], "definition": {"method": "RAG_SEARCH", "top_k": 0}}';
    const text = workflowText([startNode, node]);
    const diagnostic = single(diagnose(text), 'schema');
    assertDiagnostic(text, diagnostic, { code: 'schema', severity: 'error', line: nodeLine(1), character: 121, covers: '0' });
    assert.equal(diagnostic.message, '"top_k" must be ≥ 1');
  });

  it('accepts null for every optional field the DAG.md example leaves out, and refuses it in required ones', () => {
    const optional =
      '{"task_id": "classify", "query_str": "c", "dependencies": ["start"], "node_type": null, "definition": {"method": "LLM", "model_name": "qwen", "endpoint": null, "params": null}}';
    const text = workflowText([startNode, optional]).replace('"name": "claims-intake",', '"name": "claims-intake", "description": null, "tags": null, "category": null,');
    assert.deepEqual(diagnose(text), []);
    const required = workflowText([startNode, classifyNode.replace('"query_str": "classify"', '"query_str": null')]);
    const diagnostic = single(diagnose(required), 'schema');
    assertDiagnostic(required, diagnostic, { code: 'schema', severity: 'error', line: nodeLine(1), character: 43, covers: 'null' });
    assert.equal(diagnostic.message, '"query_str" must be a string, not null');
    const model = workflowText([startNode, classifyNode.replace('"model_name": "qwen"', '"model_name": null')]);
    assert.equal(single(diagnose(model), 'schema').message, '"model_name" must be a string, not null');
  });

  it('checks the envelope category: a non-blank string of at most 100 characters', () => {
    const withCategory = (category: string) =>
      workflowText([startNode, classifyNode]).replace('"name": "claims-intake",', `"name": "claims-intake", "category": ${category},`);
    assert.deepEqual(diagnose(withCategory('"claims"')), []);
    const blank = withCategory('"  "');
    assertDiagnostic(blank, single(diagnose(blank), 'schema'), { code: 'schema', severity: 'error', line: 2, character: 39, covers: '"  "' });
    assert.equal(single(diagnose(blank), 'schema').message, '"category" must not be blank');
    assert.equal(single(diagnose(withCategory(JSON.stringify('c'.repeat(101)))), 'schema').message, '"category" must have at most 100 characters');
    assert.equal(single(diagnose(withCategory('7')), 'schema').message, '"category" must be a string, not the number 7');
  });

  it('checks the envelope: name pattern, kind, missing spec', () => {
    const badName = workflowText([startNode, classifyNode]).replace('"claims-intake"', '"Claims Intake"');
    assertDiagnostic(badName, single(diagnose(badName), 'schema'), { code: 'schema', severity: 'error', line: 2, character: 10, covers: '"Claims Intake"' });

    const badKind = '{\n  "kind": "pipeline",\n  "name": "claims",\n  "spec": {}\n}';
    const kind = single(diagnose(badKind), 'schema');
    assertDiagnostic(badKind, kind, { code: 'schema', severity: 'error', line: 1, character: 10, covers: '"pipeline"' });
    assert.equal(kind.message, '"kind" must be one of "workflow", "agent", "processor", not "pipeline"');

    const noSpec = '{\n  "kind": "agent",\n  "name": "claims-assistant"\n}';
    const spec = single(diagnose(noSpec), 'schema');
    assertDiagnostic(noSpec, spec, { code: 'schema', severity: 'error', line: 0, character: 0, covers: noSpec });
    assert.equal(spec.message, 'missing required field "spec"');
  });

  it('reports one diagnostic per problem', () => {
    const node = '{"task_id": 7, "query_str": "s", "dependencies": ["start", 3], "node_type": "SINK", "definition": {"method": "NOOP"}}';
    const diagnostics = schemaOnly(workflowText([startNode, node]));
    assert.deepEqual(
      diagnostics.map((d) => d.path.join('.')),
      ['spec.plan.nodes.1.task_id', 'spec.plan.nodes.1.dependencies.1', 'spec.plan.nodes.1.node_type'],
    );
  });

  describe('per-method definitions', () => {
    const definitionProblem = (definition: string, nodeType = 'COMPUTE') => {
      const node = `{"task_id": "step", "query_str": "s", "dependencies": ["start"], "node_type": "${nodeType}", "definition": ${definition}}`;
      const text = workflowText([startNode, node]);
      return { text, diagnostics: schemaOnly(text), definitionColumn: 6 + node.indexOf(definition) };
    };

    it('requires model_name for LLM, at the definition object', () => {
      const { text, diagnostics, definitionColumn } = definitionProblem('{"method": "LLM", "endpoint": "extract"}');
      assert.equal(diagnostics.length, 1);
      assertDiagnostic(text, diagnostics[0]!, {
        code: 'schema',
        severity: 'error',
        line: nodeLine(1),
        character: definitionColumn,
        covers: '{"method": "LLM", "endpoint": "extract"}',
      });
      assert.equal(diagnostics[0]!.message, 'missing required field "model_name"');
    });

    it('requires an executor endpoint with ://', () => {
      const { text, diagnostics } = definitionProblem('{"method": "EXECUTOR_ENDPOINT", "endpoint": "extract"}');
      assert.equal(diagnostics.length, 1);
      assertDiagnostic(text, diagnostics[0]!, { code: 'schema', severity: 'error', line: nodeLine(1), character: 153, covers: '"extract"' });
      assert.match(diagnostics[0]!.message, /^"endpoint" must name an executor endpoint/);
    });

    it('checks conditions: operator enum, value required, combinator', () => {
      const branch = (condition: string) => `{"method": "BRANCH", "default_path_id": "a", "paths": [{"path_id": "a", "target_node_ids": [], "condition": ${condition}}]}`;
      const operator = definitionProblem(branch('{"jsonpath": "$.data.x", "operator": "equals", "value": 1}'), 'BRANCH');
      assert.deepEqual(
        operator.diagnostics.map((d) => d.message),
        [
          '"operator" must be one of "==", "!=", ">", "<", ">=", "<=", "in", "not_in", "contains", "not_contains", "matches", "exists", "not_exists", "is_empty", "is_not_empty", not "equals"',
        ],
      );
      assert.equal(operator.text.slice(operator.diagnostics[0]!.range.offset).startsWith('"equals"'), true);

      const value = definitionProblem(branch('{"jsonpath": "$.data.x", "operator": ">="}'), 'BRANCH');
      assert.deepEqual(
        value.diagnostics.map((d) => d.message),
        ['missing required field "value" (operator ">=" compares against it)'],
      );
      assert.deepEqual(definitionProblem(branch('{"jsonpath": "$.data.x", "operator": "exists"}'), 'BRANCH').diagnostics, []);

      const group = definitionProblem(branch('{"combinator": "XOR", "conditions": [{"jsonpath": "$.data.x", "operator": "exists"}]}'), 'BRANCH');
      assert.deepEqual(
        group.diagnostics.map((d) => d.message),
        ['"combinator" must be one of "AND", "OR", not "XOR"'],
      );
      const nested = definitionProblem(branch('{"combinator": "OR", "conditions": [{"combinator": "AND", "conditions": []}]}'), 'BRANCH');
      assert.deepEqual(
        nested.diagnostics.map((d) => d.message),
        ['"conditions" must have at least 1 item'],
      );
    });

    it('requires exactly a pass and a fail path on a guardrail', () => {
      const { diagnostics } = definitionProblem(
        '{"method": "GUARDRAIL", "metrics": [{"type": "regex_match", "name": "x"}], "paths": [{"path_id": "pass", "target_node_ids": []}]}',
        'GUARDRAIL',
      );
      assert.deepEqual(
        diagnostics.map((d) => d.message),
        ['"paths" must be exactly two paths, "pass" and "fail"'],
      );
    });

    it('checks guardrail metric ranges and HITL router thresholds', () => {
      const metric = definitionProblem(
        '{"method": "GUARDRAIL", "metrics": [{"type": "llm_judge", "name": " ", "weight": 11, "threshold": 1.5}], "paths": [{"path_id": "pass"}, {"path_id": "fail"}]}',
        'GUARDRAIL',
      );
      assert.deepEqual(
        metric.diagnostics.map((d) => d.message),
        ['"name" must not be blank', '"weight" must be ≤ 10', '"threshold" must be ≤ 1'],
      );
      const router = definitionProblem('{"method": "HITL_ROUTER", "auto_approve_threshold": 0.5, "human_review_threshold": 0.8}');
      assert.deepEqual(
        router.diagnostics.map((d) => d.message),
        ['"auto_approve_threshold" must keep auto_approve_threshold (0.5) ≥ human_review_threshold (0.8)'],
      );
    });

    it('requires RAG_INGEST source_id and a HITL approval title', () => {
      assert.deepEqual(
        definitionProblem('{"method": "RAG_INGEST"}').diagnostics.map((d) => d.message),
        ['missing required field "source_id"'],
      );
      assert.deepEqual(
        definitionProblem('{"method": "HITL_APPROVAL", "timeout": {"enabled": true, "strategy": "wait"}}').diagnostics.map((d) => d.message),
        ['missing required field "title"', '"strategy" must be one of "use_default", "fail", "escalate", "skip_downstream", not "wait"'],
      );
    });
  });

  it('checks agent and processor specs', () => {
    const agent =
      '{\n  "kind": "agent",\n  "name": "claims-assistant",\n  "spec": {\n    "model": {"connection": "openai", "name": "gpt", "temperature": 3},\n    "system_prompt": "You help."\n  }\n}';
    assertDiagnostic(agent, single(diagnose(agent), 'schema'), { code: 'schema', severity: 'error', line: 4, character: 68, covers: '3' });
    const processor =
      '{\n  "kind": "processor",\n  "name": "cms1500",\n  "spec": {\n    "processor_type": "extractor",\n    "endpoint": "extract_executor://cms1500",\n    "fields": [{"name": "Patient Name", "data_type": "PLAIN_TEXT", "occurrence": "REQUIRED_ONCE"}]\n  }\n}';
    const diagnostic = single(diagnose(processor), 'schema');
    assertDiagnostic(processor, diagnostic, { code: 'schema', severity: 'error', line: 6, character: 24, covers: '"Patient Name"' });
    assert.equal(diagnostic.message, '"name" must be snake_case (^[a-z][a-z0-9_]*$)');
  });
});
