import assert from 'node:assert/strict';
import type { Diagnostic } from '../../../core/validation/diagnostic';
import { applyEdits, assertDiagnostic, assertNone, covered, diagnose, nodeLine, single, startNode, workflowText } from './validationHelpers';

const condition = (value: string) => `{"jsonpath": "$.metadata.document_type", "operator": "==", "value": "${value}"}`;

interface PathSpec {
  id: string;
  priority?: number | null;
  condition?: string | null;
  conditionFunction?: string | null;
}

function pathText({ id, priority, condition: when, conditionFunction }: PathSpec): string {
  const members = [`"path_id": "${id}"`, `"target_node_ids": ["to_${id}"]`];
  if (priority !== undefined) members.push(`"priority": ${priority}`);
  if (when !== undefined) members.push(`"condition": ${when}`);
  if (conditionFunction !== undefined) members.push(`"condition_function": ${conditionFunction === null ? 'null' : `"${conditionFunction}"`}`);
  return `{${members.join(', ')}}`;
}

/** start → route (a branch over `paths`) → one target per path. */
function branch(paths: PathSpec[], extra = '', method = 'BRANCH') {
  const route = `{"task_id": "route", "query_str": "route", "dependencies": ["start"], "node_type": "BRANCH", "definition": {"method": "${method}"${extra}, "paths": [${paths.map(pathText).join(', ')}]}}`;
  const targets = paths.map(({ id }) => `{"task_id": "to_${id}", "query_str": "${id}", "dependencies": ["route"], "definition": {"method": "NOOP"}}`);
  const merge = `{"task_id": "merge", "query_str": "merge", "dependencies": ${JSON.stringify(paths.map(({ id }) => `to_${id}`))}, "node_type": "MERGER", "definition": {"method": "MERGER_ENHANCED"}}`;
  const text = workflowText([startNode, route, ...targets, merge]);
  return { text, diagnostics: diagnose(text), column: (needle: string) => 6 + route.indexOf(needle) };
}

// The shape of Marie-AI's mock_branch_simple: the catch-all path carries the highest priority.
const invoice: PathSpec = { id: 'invoice', priority: 1, condition: condition('invoice') };
const contract: PathSpec = { id: 'contract', priority: 2, condition: condition('contract') };
const other: PathSpec = { id: 'other', priority: 3, condition: null, conditionFunction: null };

const shadowed = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.code === 'branch-path-shadowed');

describe('branch-path-shadowed', () => {
  it('warns at the unconditional path that is evaluated first, naming the paths it makes unreachable', () => {
    const { text, diagnostics, column } = branch([invoice, contract, other]);
    const diagnostic = single(diagnostics, 'branch-path-shadowed');
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics.map((d) => d.code)));
    assertDiagnostic(text, diagnostic, { code: 'branch-path-shadowed', severity: 'warning', line: nodeLine(1), character: column('"other"'), covers: '"other"' });
    assert.equal(
      diagnostic.message,
      'path "other" has no condition, so it always matches; with priority 3 it is tried before "contract", "invoice" (highest priority first), which under first_match can never be chosen: give it the lowest priority',
    );
    // Related locations: the shadowed paths' ids, in the order Marie-AI would have tried them.
    assert.deepEqual(
      diagnostic.related?.map((related) => [covered(text, related.range), related.message]),
      [
        ['"contract"', 'path "contract" (priority 2) is never reached: "other" matches first'],
        ['"invoice"', 'path "invoice" (priority 1) is never reached: "other" matches first'],
      ],
    );
  });

  it('follows Marie-AI: descending priority (0 when unset or null), ties in file order', () => {
    const unset = { ...other, priority: undefined };
    // All at priority 0: the unconditional path listed first shadows; listed last, it is the fallback.
    assert.equal(shadowed(branch([unset, { ...invoice, priority: undefined }]).diagnostics).length, 1);
    assertNone(branch([{ ...invoice, priority: undefined }, unset]).diagnostics, 'branch-path-shadowed');
    assertNone(
      branch([
        { ...invoice, priority: 0 },
        { ...other, priority: null },
      ]).diagnostics,
      'branch-path-shadowed',
    );
    // Ranked last by priority though listed first: fine.
    assertNone(branch([{ ...other, priority: -1 }, invoice, contract]).diagnostics, 'branch-path-shadowed');
    // A negative priority on a conditional path puts it below an unset unconditional one.
    assert.equal(shadowed(branch([unset, { ...invoice, priority: -5 }]).diagnostics).length, 1);
  });

  it('a condition_function makes a path conditional; a null condition does not', () => {
    const premium: PathSpec = { id: 'premium', priority: 1, condition: null, conditionFunction: 'marie.scheduler.branch_conditions.is_high_value_document' };
    const standard: PathSpec = { id: 'standard', priority: 2, condition: null, conditionFunction: null };
    const [diagnostic] = shadowed(branch([premium, standard], ', "default_path_id": "standard"').diagnostics);
    assert.match(
      diagnostic?.message ?? '',
      /^path "standard" has no condition, .* tried before "premium" \(highest priority first\), which under first_match can never be chosen/,
    );
    assertNone(branch([{ ...premium, priority: 3 }, standard], ', "default_path_id": "standard"').diagnostics, 'branch-path-shadowed');
  });

  it('applies under first_match (also by default) and priority_match, not all_match, and not to PYTHON_BRANCH', () => {
    assert.equal(shadowed(branch([invoice, other], ', "evaluation_mode": "first_match"').diagnostics).length, 1);
    assert.equal(shadowed(branch([invoice, other], ', "evaluation_mode": null').diagnostics).length, 1);
    assert.match(shadowed(branch([invoice, other], ', "evaluation_mode": "priority_match"').diagnostics)[0]?.message ?? '', /under priority_match/);
    assertNone(branch([invoice, other], ', "evaluation_mode": "all_match"').diagnostics, 'branch-path-shadowed');
    // PYTHON_BRANCH picks its paths with branch_function; path conditions are not evaluated.
    assertNone(branch([invoice, other], ', "branch_function": "claims.routing.pick"', 'PYTHON_BRANCH').diagnostics, 'branch-path-shadowed');
  });

  it('one warning per branch: a second unconditional path is itself among the shadowed', () => {
    const { text, diagnostics } = branch([invoice, other, { id: 'fallback', priority: 0 }]);
    const [diagnostic] = shadowed(diagnostics);
    assert.equal(shadowed(diagnostics).length, 1);
    assert.deepEqual(
      diagnostic?.related?.map((related) => covered(text, related.range)),
      ['"invoice"', '"fallback"'],
    );
  });

  it('quick fix 1 evaluates the path last: its priority becomes one below the lowest of the others', () => {
    const { text, diagnostics } = branch([invoice, contract, other], ', "default_path_id": "other"');
    const diagnostic = single(diagnostics, 'branch-path-shadowed');
    // The path is already the default: only "evaluate last" is offered.
    assert.deepEqual(
      diagnostic.fixes?.map((fix) => fix.title),
      ['Evaluate "other" last (priority 0)'],
    );
    const fixed = applyEdits(text, diagnostic.fix?.edits ?? []);
    assert.match(fixed, /\{"path_id": "other", "target_node_ids": \["to_other"\], "priority": 0, "condition": null/);
    assert.deepEqual(diagnose(fixed), []);
    // Without a priority of its own, one is inserted.
    const unset = branch([{ id: 'other' }, { ...contract, priority: 0 }]);
    assert.equal(shadowed(unset.diagnostics).length, 1);
    const insert = applyEdits(unset.text, shadowed(unset.diagnostics)[0]?.fix?.edits ?? []);
    assert.match(insert, /\{"path_id": "other", "priority": -1, "target_node_ids"/);
    assertNone(diagnose(insert), 'branch-path-shadowed');
  });

  it('quick fix 2 makes the path the default_path_id and evaluates it last', () => {
    for (const extra of ['', ', "default_path_id": null', ', "default_path_id": "invoice"']) {
      const { text, diagnostics } = branch([invoice, contract, other], extra);
      const diagnostic = single(diagnostics, 'branch-path-shadowed');
      const makeDefault = diagnostic.fixes?.[1];
      assert.equal(makeDefault?.title, 'Make "other" the default path (default_path_id, evaluated last)', extra);
      const fixed = applyEdits(text, makeDefault?.edits ?? []);
      assert.deepEqual(diagnose(fixed), [], extra);
      const route = (
        JSON.parse(fixed) as { spec: { plan: { nodes: Array<{ definition: { default_path_id?: string; paths: Array<{ path_id: string; priority?: number }> } }> } } }
      ).spec.plan.nodes[1]?.definition;
      assert.equal(route?.default_path_id, 'other');
      assert.equal(route?.paths.find((path) => path.path_id === 'other')?.priority, 0);
    }
  });
});
