import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleCodes, type RuleCode } from '../../../core/validation/ruleCodes';
import { validateRepository } from '../../../core/validation/validateRepository';
import { diagnose, startNode, workflowText } from './validationHelpers';

// DAG.md §7, verbatim.
const example = readFileSync(join(__dirname, 'fixtures', 'claimsIntake.json'), 'utf8');

const noop = (id: string, deps: string[], extra = '') =>
  `{"task_id": "${id}", "query_str": "${id}", "dependencies": ${JSON.stringify(deps)}${extra}, "definition": {"method": "NOOP"}}`;

describe('whole documents', () => {
  it('the DAG.md §7 example validates with zero diagnostics', () => {
    assert.deepEqual(diagnose(example, 'workflows/claims-intake.json'), []);
  });

  it('reports every problem of a file at once, ordered by position', () => {
    const text = workflowText(
      [startNode, noop('a', ['start', 'ghost']), noop('a', ['start']), noop('b', ['b', 'c']), noop('c', ['b'], ', "node_type": "ROUTER"'), noop('lonely', [])],
      '{"start": {"type": "object"}}',
    );
    const diagnostics = diagnose(text);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line]),
      [
        ['output-not-sink', 4],
        ['unknown-dependency', 7],
        ['duplicate-task-id', 8],
        ['self-dependency', 9],
        ['cycle', 9],
        ['schema', 10],
        ['multiple-roots', 11],
      ],
    );
    const offsets = diagnostics.map((d) => d.range.offset);
    assert.deepEqual(
      offsets,
      [...offsets].sort((x, y) => x - y),
    );
  });

  it('every rule code has a failing document producing it with its catalogued severity', () => {
    const processor = (spec: object) => JSON.stringify({ kind: 'processor', name: 'forms', spec: { endpoint: 'x://y', ...spec } });
    const agent = JSON.stringify({
      kind: 'agent',
      name: 'helper',
      spec: { model: { connection: 'c', name: 'n' }, system_prompt: 's', tools: [{ name: 't' }, { name: 't' }] },
    });
    const step = (definition: string, nodeType = 'COMPUTE', deps = '["start"]') =>
      workflowText([startNode, `{"task_id": "s", "query_str": "s", "dependencies": ${deps}, "node_type": "${nodeType}", "definition": ${definition}}`]);
    const branch = (definition: string, deps = ['s']) =>
      workflowText([startNode, `{"task_id": "s", "query_str": "s", "dependencies": ["start"], "node_type": "BRANCH", "definition": ${definition}}`, noop('t', deps)]);
    const failing: Record<RuleCode, string | Array<{ path: string; text: string }>> = {
      'invalid-json': '{',
      schema: '{"kind": "workflow"}',
      'duplicate-task-id': workflowText([startNode, noop('x', ['start']), noop('x', ['start'])]),
      'unknown-dependency': workflowText([startNode, noop('x', ['nope'])]),
      'self-dependency': workflowText([startNode, noop('x', ['start', 'x'])]),
      cycle: workflowText([startNode, noop('x', ['y']), noop('y', ['x'])]),
      'no-root': workflowText([]),
      'multiple-roots': workflowText([startNode, noop('x', [])]),
      'unknown-method': step('{"method": "OCR"}'),
      'node-type-mismatch': step('{"method": "NOOP"}', 'SWITCH'),
      'unknown-target': branch('{"method": "BRANCH", "default_path_id": "p", "paths": [{"path_id": "p", "target_node_ids": ["nope"]}]}'),
      'target-not-dependent': branch('{"method": "BRANCH", "default_path_id": "p", "paths": [{"path_id": "p", "target_node_ids": ["t"]}]}', ['start']),
      'duplicate-path-id': branch('{"method": "BRANCH", "paths": [{"path_id": "p", "target_node_ids": ["t"]}, {"path_id": "p", "target_node_ids": []}]}'),
      'unknown-default-path': branch('{"method": "BRANCH", "default_path_id": "q", "paths": [{"path_id": "p", "target_node_ids": ["t"]}]}'),
      'invalid-jsonpath': step('{"method": "SWITCH", "switch_field": "type", "cases": {"a": []}}', 'SWITCH'),
      'jsonpath-unknown-node': step(
        '{"method": "GUARDRAIL", "input_source": "$.nodes.nope.output", "metrics": [{"type": "regex_match", "name": "r"}], "paths": [{"path_id": "pass"}, {"path_id": "fail"}]}',
        'GUARDRAIL',
      ),
      'output-not-sink': workflowText([startNode], '{"nope": {}}'),
      'min-required-range': step('{"method": "MERGER_ENHANCED", "merge_strategy": "wait_n", "min_required": 5}', 'MERGER', '["start", "start"]'),
      'ungated-node': branch('{"method": "BRANCH", "default_path_id": "p", "paths": [{"path_id": "p", "target_node_ids": []}]}'),
      'branch-without-default': branch(
        '{"method": "BRANCH", "paths": [{"path_id": "p", "target_node_ids": ["t"], "condition": {"jsonpath": "$.data.x", "operator": "exists"}}]}',
      ),
      'guardrail-without-metrics': step('{"method": "GUARDRAIL", "paths": [{"path_id": "pass"}, {"path_id": "fail"}]}', 'GUARDRAIL'),
      'merger-single-input': step('{"method": "MERGER_ENHANCED"}', 'MERGER'),
      'unknown-key': step('{"method": "NOOP", "model": "m"}'),
      'hitl-no-timeout': step('{"method": "HITL_CORRECTION", "title": "Fix", "timeout": {"enabled": false}}'),
      'merger-without-strategy': step('{"method": "NOOP"}', 'MERGER', '["start", "start"]'),
      'branch-path-shadowed': branch(
        '{"method": "BRANCH", "paths": [{"path_id": "p", "target_node_ids": ["t"]}, {"path_id": "q", "target_node_ids": [], "condition": {"jsonpath": "$.data.x", "operator": "exists"}}]}',
      ),
      'duplicate-tool-name': agent,
      'extractor-without-fields': processor({ processor_type: 'extractor', fields: [] }),
      'classifier-too-few-classes': processor({ processor_type: 'classifier', classes: ['a'] }),
      'duplicate-class': processor({ processor_type: 'classifier', classes: ['a', 'b', 'a'] }),
      'duplicate-field-name': processor({
        processor_type: 'extractor',
        fields: [
          { name: 'a', data_type: 'NUMBER', occurrence: 'REQUIRED_ONCE' },
          { name: 'a', data_type: 'NUMBER', occurrence: 'REQUIRED_ONCE' },
        ],
      }),
      'duplicate-artifact-name': [
        { path: 'agents/a.json', text: agent },
        { path: 'agents/b.json', text: agent },
      ],
      'unresolved-reference': [{ path: 'workflows/w.json', text: step('{"method": "LLM", "model_name": "m", "params": {"agent": "nobody"}}') }],
    };
    assert.deepEqual(Object.keys(failing).sort(), Object.keys(ruleCodes).sort());
    for (const [code, input] of Object.entries(failing) as Array<[RuleCode, (typeof failing)[RuleCode]]>) {
      const files = typeof input === 'string' ? [{ path: 'x.json', text: input }] : input;
      const diagnostics = validateRepository(files).files.flatMap((f) => f.diagnostics);
      const found = diagnostics.find((d) => d.code === code);
      assert.ok(found, `${code} not produced; got ${JSON.stringify(diagnostics.map((d) => d.code))}`);
      assert.equal(found.severity, ruleCodes[code].severity, code);
    }
  });
});
