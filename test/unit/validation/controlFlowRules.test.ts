import assert from 'node:assert/strict';
import { applyEdits, assertDiagnostic, assertNone, covered, diagnose, nodeLine, single, startNode, workflowText } from './validationHelpers';

const leaf = '{"jsonpath": "$.metadata.document_type", "operator": "==", "value": "cms1500"}';

function branchNode(paths: string, extra = ', "default_path_id": "generic"'): string {
  return `{"task_id": "route", "query_str": "route", "dependencies": ["start"], "node_type": "BRANCH", "definition": {"method": "BRANCH"${extra}, "paths": ${paths}}}`;
}
const defaultPaths = `[{"path_id": "medical", "target_node_ids": ["extract_medical"], "condition": ${leaf}}, {"path_id": "generic", "target_node_ids": ["extract_generic"]}]`;
const target = (id: string, deps: string[] = ['route']) =>
  `{"task_id": "${id}", "query_str": "${id}", "dependencies": ${JSON.stringify(deps)}, "definition": {"method": "NOOP"}}`;
const merge =
  '{"task_id": "merge", "query_str": "merge", "dependencies": ["extract_medical", "extract_generic"], "node_type": "MERGER", "definition": {"method": "MERGER_ENHANCED"}}';

function branchWorkflow(options: { paths?: string; extra?: string; medical?: string; generic?: string; more?: string[] } = {}) {
  const route = branchNode(options.paths ?? defaultPaths, options.extra);
  const text = workflowText([
    startNode,
    route,
    options.medical ?? target('extract_medical'),
    options.generic ?? target('extract_generic'),
    merge,
    ...(options.more ?? []),
  ]);
  return { text, diagnostics: diagnose(text), routeColumn: (needle: string) => 6 + route.indexOf(needle) };
}

describe('control-flow rules', () => {
  it('a well-formed branch has no diagnostics', () => {
    assert.deepEqual(branchWorkflow().diagnostics, []);
  });

  it('unknown-target: at the target id, with a fix to the nearest task_id', () => {
    const paths = `[{"path_id": "medical", "target_node_ids": ["extract_medicl"], "condition": ${leaf}}, {"path_id": "generic", "target_node_ids": ["extract_generic"]}]`;
    const { text, diagnostics, routeColumn } = branchWorkflow({ paths });
    const diagnostic = single(diagnostics, 'unknown-target');
    assertDiagnostic(text, diagnostic, {
      code: 'unknown-target',
      severity: 'error',
      line: nodeLine(1),
      character: routeColumn('"extract_medicl"'),
      covers: '"extract_medicl"',
    });
    assert.equal(routeColumn('"extract_medicl"'), 217);
    assert.equal(diagnostic.fix?.title, 'Change to "extract_medical"');
    assert.deepEqual(diagnose(applyEdits(text, diagnostic.fix?.edits ?? [])), []);
  });

  it('unknown-target: SWITCH cases and default_case', () => {
    const switchNode =
      '{"task_id": "route", "query_str": "route", "dependencies": ["start"], "node_type": "SWITCH", "definition": {"method": "SWITCH", "switch_field": "$.metadata.document_type", "cases": {"cms1500": ["extract_medical"], "ub04": ["nowhere"]}, "default_case": ["elsewhere"]}}';
    const text = workflowText([
      startNode,
      switchNode,
      target('extract_medical'),
      '{"task_id": "end", "query_str": "e", "dependencies": ["extract_medical"], "definition": {"method": "NOOP"}}',
    ]);
    const diagnostics = diagnose(text).filter((d) => d.code === 'unknown-target');
    assert.deepEqual(
      diagnostics.map((d) => [d.severity, d.range.start.line, d.range.start.character, covered(text, d.range)]),
      [
        ['error', nodeLine(1), 6 + switchNode.indexOf('"nowhere"'), '"nowhere"'],
        ['error', nodeLine(1), 6 + switchNode.indexOf('"elsewhere"'), '"elsewhere"'],
      ],
    );
  });

  it('target-not-dependent: at the target id; the fix appends the control node to dependencies', () => {
    const { text, diagnostics, routeColumn } = branchWorkflow({ generic: target('extract_generic', ['start']) });
    const diagnostic = single(diagnostics, 'target-not-dependent');
    assertDiagnostic(text, diagnostic, {
      code: 'target-not-dependent',
      severity: 'error',
      line: nodeLine(1),
      character: routeColumn('"extract_generic"'),
      covers: '"extract_generic"',
    });
    assert.equal(diagnostic.related?.[0]?.range.start.line, nodeLine(3));
    assert.equal(diagnostic.fix?.title, 'Add "route" to the dependencies of "extract_generic"');
    const fixed = applyEdits(text, diagnostic.fix?.edits ?? []);
    assert.ok(fixed.includes('"dependencies": ["start", "route"]'));
    assertNone(diagnose(fixed), 'target-not-dependent');
  });

  it('target-not-dependent: the fix creates dependencies when the target has none (or an empty array)', () => {
    const noDependencies = '{"task_id": "extract_generic", "query_str": "g", "definition": {"method": "NOOP"}}';
    const { text, diagnostics } = branchWorkflow({ generic: noDependencies });
    const fixed = applyEdits(text, single(diagnostics, 'target-not-dependent').fix?.edits ?? []);
    assert.deepEqual(JSON.parse(fixed).spec.plan.nodes[3].dependencies, ['route']);
    assert.deepEqual(diagnose(fixed), []);

    const empty = branchWorkflow({ generic: target('extract_generic', []) });
    const fixedEmpty = applyEdits(empty.text, single(empty.diagnostics, 'target-not-dependent').fix?.edits ?? []);
    assert.deepEqual(JSON.parse(fixedEmpty).spec.plan.nodes[3].dependencies, ['route']);
    assert.deepEqual(diagnose(fixedEmpty), []);
  });

  it('target-not-dependent: guardrail pass/fail targets are control-flow targets too', () => {
    const guardrail =
      '{"task_id": "check", "query_str": "c", "dependencies": ["start"], "node_type": "GUARDRAIL", "definition": {"method": "GUARDRAIL", "metrics": [{"type": "regex_match", "name": "no ssn"}], "paths": [{"path_id": "pass", "target_node_ids": ["publish"]}, {"path_id": "fail", "target_node_ids": ["review"]}]}}';
    const text = workflowText([startNode, guardrail, target('publish', ['check']), target('review', ['start'])]);
    const diagnostic = single(diagnose(text), 'target-not-dependent');
    assert.equal(covered(text, diagnostic.range), '"review"');
  });

  it('ungated-node: a dependent of a branch that is none of its targets', () => {
    const { text, diagnostics } = branchWorkflow({ more: [target('audit', ['route'])] });
    const diagnostic = single(diagnostics, 'ungated-node');
    assertDiagnostic(text, diagnostic, { code: 'ungated-node', severity: 'warning', line: nodeLine(5), character: 66, covers: '"route"' });
    assert.equal(diagnostic.message, '"audit" depends on BRANCH node "route" but is none of its targets, so it runs whichever way it decides');
    assertNone(branchWorkflow({ more: [target('audit', ['merge'])] }).diagnostics, 'ungated-node');
  });

  it('duplicate-path-id: at the second path_id', () => {
    const paths = `[{"path_id": "generic", "target_node_ids": ["extract_medical"], "condition": ${leaf}}, {"path_id": "generic", "target_node_ids": ["extract_generic"]}]`;
    const { text, diagnostics, routeColumn } = branchWorkflow({ paths });
    const diagnostic = single(diagnostics, 'duplicate-path-id');
    const second = routeColumn('"generic", "target_node_ids": ["extract_generic"]');
    assertDiagnostic(text, diagnostic, { code: 'duplicate-path-id', severity: 'error', line: nodeLine(1), character: second, covers: '"generic"' });
    assert.equal(diagnostic.related?.[0]?.range.start.character, routeColumn('"generic", "target_node_ids": ["extract_medical"]'));
    assertNone(branchWorkflow().diagnostics, 'duplicate-path-id');
  });

  it('unknown-default-path: at default_path_id', () => {
    const { text, diagnostics, routeColumn } = branchWorkflow({ extra: ', "default_path_id": "other"' });
    const diagnostic = single(diagnostics, 'unknown-default-path');
    assertDiagnostic(text, diagnostic, { code: 'unknown-default-path', severity: 'error', line: nodeLine(1), character: routeColumn('"other"'), covers: '"other"' });
    assert.equal(diagnostic.message, 'default_path_id "other" names no path; paths are "medical", "generic"');
    assertNone(branchWorkflow({ extra: ', "default_path_id": "medical"' }).diagnostics, 'unknown-default-path');
  });

  it('branch-without-default: a warning at "paths" when every path is conditional and there is no default', () => {
    const paths = `[{"path_id": "medical", "target_node_ids": ["extract_medical"], "condition": ${leaf}}, {"path_id": "generic", "target_node_ids": ["extract_generic"], "condition": ${leaf.replace('==', '!=')}}]`;
    const { text, diagnostics, routeColumn } = branchWorkflow({ paths, extra: '' });
    const diagnostic = single(diagnostics, 'branch-without-default');
    assertDiagnostic(text, diagnostic, { code: 'branch-without-default', severity: 'warning', line: nodeLine(1), character: routeColumn('"paths"'), covers: '"paths"' });
    // An unconditional path is a default of its own.
    assertNone(branchWorkflow({ extra: '' }).diagnostics, 'branch-without-default');
  });
});
