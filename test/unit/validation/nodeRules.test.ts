import assert from 'node:assert/strict';
import { applyEdits, assertDiagnostic, assertNone, checkWorkflow, classifyNode, diagnose, nodeLine, single, startNode, workflowText } from './validationHelpers';

const noop = (id: string, deps: string[]) => `{"task_id": "${id}", "query_str": "${id}", "dependencies": ${JSON.stringify(deps)}, "definition": {"method": "NOOP"}}`;
const merger = (deps: string[], definition: string) =>
  `{"task_id": "merge", "query_str": "merge", "dependencies": ${JSON.stringify(deps)}, "node_type": "MERGER", "definition": ${definition}}`;

const withMerger = (deps: string[], definition: string) => checkWorkflow([startNode, noop('a', ['start']), noop('b', ['start']), merger(deps, definition)]);

describe('node rules', () => {
  it('min-required-range: min_required outside [1, number of dependencies], at min_required', () => {
    const { text, diagnostics, column } = withMerger(['a', 'b'], '{"method": "MERGER_ENHANCED", "merge_strategy": "wait_n", "min_required": 3}');
    const diagnostic = single(diagnostics, 'min-required-range');
    assertDiagnostic(text, diagnostic, { code: 'min-required-range', severity: 'error', line: nodeLine(3), character: column('3}'), covers: '3' });
    assert.equal(diagnostic.message, 'min_required 3 is outside [1, 2] (the node has 2 dependencies)');
    assert.equal(
      single(withMerger(['a', 'b'], '{"method": "MERGER_ENHANCED", "merge_strategy": "wait_n", "min_required": 0}').diagnostics, 'min-required-range').severity,
      'error',
    );
    assertNone(withMerger(['a', 'b'], '{"method": "MERGER_ENHANCED", "merge_strategy": "wait_n", "min_required": 2}').diagnostics, 'min-required-range');
  });

  it('min-required-range: wait_n without min_required, at merge_strategy', () => {
    const { text, diagnostics, column } = withMerger(['a', 'b'], '{"method": "MERGER_ENHANCED", "merge_strategy": "wait_n"}');
    const diagnostic = single(diagnostics, 'min-required-range');
    assertDiagnostic(text, diagnostic, { code: 'min-required-range', severity: 'error', line: nodeLine(3), character: column('"wait_n"'), covers: '"wait_n"' });
    assertNone(withMerger(['a', 'b'], '{"method": "MERGER_ENHANCED", "merge_strategy": "wait_any"}').diagnostics, 'min-required-range');
  });

  it('merger-single-input: a warning at the dependencies of a MERGER with one input', () => {
    const { text, diagnostics } = withMerger(['a'], '{"method": "MERGER_ENHANCED"}');
    const diagnostic = single(diagnostics, 'merger-single-input');
    assertDiagnostic(text, diagnostic, { code: 'merger-single-input', severity: 'warning', line: nodeLine(3), character: 65, covers: '["a"]' });
    assertNone(withMerger(['a', 'b'], '{"method": "MERGER_ENHANCED"}').diagnostics, 'merger-single-input');
  });

  it('guardrail-without-metrics: a warning at the empty metrics (or the method when metrics are absent)', () => {
    const guardrail = (metrics: string) =>
      `{"task_id": "check", "query_str": "c", "dependencies": ["start"], "node_type": "GUARDRAIL", "definition": {"method": "GUARDRAIL"${metrics}, "paths": [{"path_id": "pass", "target_node_ids": ["ok"]}, {"path_id": "fail", "target_node_ids": []}]}}`;
    const check = (metrics: string) => checkWorkflow([startNode, guardrail(metrics), noop('ok', ['check'])], 1);
    const empty = check(', "metrics": []');
    assertDiagnostic(empty.text, single(empty.diagnostics, 'guardrail-without-metrics'), {
      code: 'guardrail-without-metrics',
      severity: 'warning',
      line: nodeLine(1),
      character: empty.column('[]'),
      covers: '[]',
    });
    const absent = check('');
    assertDiagnostic(absent.text, single(absent.diagnostics, 'guardrail-without-metrics'), {
      code: 'guardrail-without-metrics',
      severity: 'warning',
      line: nodeLine(1),
      character: absent.column('"GUARDRAIL", "paths"'),
      covers: '"GUARDRAIL"',
    });
    assert.deepEqual(check(', "metrics": [{"type": "faithfulness", "name": "grounded", "threshold": 0.7}]').diagnostics, []);
  });

  it('hitl-no-timeout: a warning only where an approval or correction sets timeout.enabled to false', () => {
    const approval = (extra: string) =>
      `{"task_id": "review", "query_str": "r", "dependencies": ["start"], "definition": {"method": "HITL_APPROVAL", "title": "Approve"${extra}}}`;
    const check = (extra: string) => checkWorkflow([startNode, approval(extra)]);
    const disabled = check(', "timeout": {"enabled": false, "duration_seconds": 60}');
    const diagnostic = single(disabled.diagnostics, 'hitl-no-timeout');
    assertDiagnostic(disabled.text, diagnostic, {
      code: 'hitl-no-timeout',
      severity: 'warning',
      line: nodeLine(1),
      character: disabled.column('false'),
      covers: 'false',
    });
    assert.equal(
      diagnostic.message,
      'HITL_APPROVAL "review" turns its timeout off, so an unanswered request holds the workflow forever; remove "enabled": false to keep Marie-AI\'s 24 h default, or set a duration_seconds and strategy',
    );
    const correction = workflowText([startNode, approval(', "timeout": {"enabled": false}').replace('HITL_APPROVAL', 'HITL_CORRECTION')]);
    assert.equal(single(diagnose(correction), 'hitl-no-timeout').severity, 'warning');
    // Omitted (or null, or without "enabled"), Marie-AI enables its 24 h default timeout: nothing to warn about.
    for (const extra of [
      '',
      ', "timeout": null',
      ', "timeout": {"duration_seconds": 60}',
      ', "timeout": {"enabled": null}',
      ', "timeout": {"enabled": true, "duration_seconds": 3600, "strategy": "escalate"}',
    ]) {
      assert.deepEqual(check(extra).diagnostics, [], extra);
    }
  });

  it('merger-without-strategy: a NOOP MERGER is valid, with a warning at the method and a fix to MERGER_ENHANCED', () => {
    const { text, diagnostics, column } = withMerger(['a', 'b'], '{"method": "NOOP", "endpoint": "noop"}');
    assertNone(diagnostics, 'node-type-mismatch');
    const diagnostic = single(diagnostics, 'merger-without-strategy');
    assert.equal(diagnostics.length, 1);
    assertDiagnostic(text, diagnostic, { code: 'merger-without-strategy', severity: 'warning', line: nodeLine(3), character: column('"NOOP"'), covers: '"NOOP"' });
    assert.match(diagnostic.message, /^MERGER "merge" runs NOOP, which has no merge strategy/);
    assert.equal(diagnostic.fix?.title, 'Use MERGER_ENHANCED with merge_strategy "wait_all_active"');
    assert.deepEqual(diagnose(applyEdits(text, diagnostic.fix?.edits ?? [])), []);
    // A single-input NOOP merger gets both warnings: nothing to merge, and no strategy.
    assert.deepEqual(
      withMerger(['a'], '{"method": "NOOP"}')
        .diagnostics.map((d) => d.code)
        .sort(),
      ['merger-single-input', 'merger-without-strategy'],
    );
  });

  it('output-not-sink: at the outputs key naming a node with dependents', () => {
    const text = workflowText([startNode, classifyNode], '{"start": {"type": "object"}, "classify": {"type": "object"}}');
    const diagnostic = single(diagnose(text), 'output-not-sink');
    assertDiagnostic(text, diagnostic, { code: 'output-not-sink', severity: 'error', line: 4, character: 16, covers: '"start"' });
    assert.equal(diagnostic.message, 'output "start" is not a sink: "classify" depends on it');
  });

  it('output-not-sink: an outputs key naming no node', () => {
    const text = workflowText([startNode, classifyNode], '{"publish": {"type": "object"}}');
    assert.equal(single(diagnose(text), 'output-not-sink').message, 'output "publish" names no node of the plan');
    assertNone(diagnose(workflowText([startNode, classifyNode], '{"classify": {"type": "object"}}')), 'output-not-sink');
  });
});
