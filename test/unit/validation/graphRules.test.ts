import assert from 'node:assert/strict';
import { applyEdits, assertDiagnostic, assertNone, classifyNode, covered, diagnose, nodeLine, single, startNode, workflowText } from './validationHelpers';

const step = (id: string, deps: string[]) => `{"task_id": "${id}", "query_str": "${id}", "dependencies": ${JSON.stringify(deps)}, "definition": {"method": "NOOP"}}`;

describe('graph rules', () => {
  it('duplicate-task-id: at the second node, pointing back to the first', () => {
    const text = workflowText([startNode, classifyNode, step('classify', ['start'])]);
    const diagnostic = single(diagnose(text), 'duplicate-task-id');
    assertDiagnostic(text, diagnostic, { code: 'duplicate-task-id', severity: 'error', line: nodeLine(2), character: 18, covers: '"classify"' });
    assert.equal(diagnostic.related?.[0]?.range.start.line, nodeLine(1));
    assertNone(diagnose(workflowText([startNode, classifyNode, step('extract', ['classify'])])), 'duplicate-task-id');
  });

  it('duplicate-task-id: every repeat after the first is reported', () => {
    const text = workflowText([startNode, step('a', ['start']), step('a', ['start']), step('a', ['start'])]);
    const lines = diagnose(text)
      .filter((d) => d.code === 'duplicate-task-id')
      .map((d) => d.range.start.line);
    assert.deepEqual(lines, [nodeLine(2), nodeLine(3)]);
  });

  it('unknown-dependency: at the array element, with a fix to the nearest task_id', () => {
    const text = workflowText([startNode, classifyNode, step('extract', ['start', 'clasify'])]);
    const diagnostic = single(diagnose(text), 'unknown-dependency');
    assertDiagnostic(text, diagnostic, { code: 'unknown-dependency', severity: 'error', line: nodeLine(2), character: 78, covers: '"clasify"' });
    assert.deepEqual(diagnostic.path, ['spec', 'plan', 'nodes', 2, 'dependencies', 1]);
    assert.equal(diagnostic.fix?.title, 'Change to "classify"');
    assert.deepEqual(diagnose(applyEdits(text, diagnostic.fix?.edits ?? [])), []);
  });

  it('unknown-dependency: offers no fix when nothing is close', () => {
    const text = workflowText([startNode, step('extract', ['start', 'zzzzzzzzzzzz'])]);
    const diagnostic = single(diagnose(text), 'unknown-dependency');
    assert.equal(diagnostic.fix, undefined);
  });

  it('self-dependency: at the element naming the node itself', () => {
    const text = workflowText([startNode, step('extract', ['start', 'extract'])]);
    const diagnostic = single(diagnose(text), 'self-dependency');
    assertDiagnostic(text, diagnostic, { code: 'self-dependency', severity: 'error', line: nodeLine(1), character: 78, covers: '"extract"' });
    assertNone(diagnose(workflowText([startNode, step('extract', ['start'])])), 'self-dependency');
  });

  it('cycle: lists the path in execution order, with a related location per edge', () => {
    const text = workflowText([startNode, step('a', ['start', 'c']), step('b', ['a']), step('c', ['b'])]);
    const diagnostic = single(diagnose(text), 'cycle');
    assert.equal(diagnostic.message, 'dependency cycle: a → b → c → a (each node waits for the one before it)');
    assertDiagnostic(text, diagnostic, { code: 'cycle', severity: 'error', line: nodeLine(1), character: 66, covers: '"c"' });
    assert.deepEqual(
      diagnostic.related?.map((r) => [r.message, r.range.start.line, covered(text, r.range)]),
      [
        ['"a" depends on "c"', nodeLine(1), '"c"'],
        ['"c" depends on "b"', nodeLine(3), '"b"'],
        ['"b" depends on "a"', nodeLine(2), '"a"'],
      ],
    );
    assertNone(diagnose(workflowText([startNode, step('a', ['start']), step('b', ['a']), step('c', ['b'])])), 'cycle');
  });

  it('cycle: each independent cycle is reported once', () => {
    const text = workflowText([startNode, step('a', ['start', 'b']), step('b', ['a']), step('x', ['start', 'y']), step('y', ['x'])]);
    const messages = diagnose(text)
      .filter((d) => d.code === 'cycle')
      .map((d) => d.message);
    assert.deepEqual(messages, [
      'dependency cycle: a → b → a (each node waits for the one before it)',
      'dependency cycle: x → y → x (each node waits for the one before it)',
    ]);
  });

  it('no-root: at the "nodes" key when every node has dependencies', () => {
    const text = workflowText([step('start', ['classify']), classifyNode]);
    const diagnostic = single(diagnose(text), 'no-root');
    assertDiagnostic(text, diagnostic, { code: 'no-root', severity: 'error', line: 5, character: 13, covers: '"nodes"' });
    assert.equal(single(diagnose(workflowText([])), 'no-root').message, 'the plan has no nodes; it needs exactly one root (a node without dependencies)');
    assertNone(diagnose(workflowText([startNode, classifyNode])), 'no-root');
  });

  it('multiple-roots: at each extra root, pointing to the first', () => {
    const text = workflowText([startNode, classifyNode, step('orphan', []), '{"task_id": "stray", "query_str": "s", "definition": {"method": "NOOP"}}']);
    const diagnostics = diagnose(text).filter((d) => d.code === 'multiple-roots');
    assert.equal(diagnostics.length, 2);
    assertDiagnostic(text, diagnostics[0]!, { code: 'multiple-roots', severity: 'error', line: nodeLine(2), character: 67, covers: '[]' });
    assertDiagnostic(text, diagnostics[1]!, { code: 'multiple-roots', severity: 'error', line: nodeLine(3), character: 18, covers: '"stray"' });
    assert.equal(diagnostics[0]!.related?.[0]?.range.start.line, nodeLine(0));
    assertNone(diagnose(workflowText([startNode, classifyNode])), 'multiple-roots');
  });

  it('keeps going on a long dependency chain and a long cycle', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => step(`n${i}`, i === 0 ? [] : [`n${i - 1}`]));
    assert.deepEqual(diagnose(workflowText(chain)), []);
    chain[0] = step('n0', ['n19999']);
    chain.push(step('root', []));
    const cycle = single(diagnose(workflowText(chain)), 'cycle');
    assert.equal(cycle.related?.length, 20_000);
  });
});
