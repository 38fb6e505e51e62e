import assert from 'node:assert/strict';
import { assertDiagnostic, assertNone, classifyNode, diagnose, nodeLine, single, startNode, workflowText } from './validationHelpers';

describe('parsing and positions', () => {
  it('reports a missing comma as invalid-json at the token where the comma was expected', () => {
    const text = '{\n  "kind": "workflow"\n  "name": "claims-intake"\n}';
    const diagnostics = diagnose(text);
    assert.equal(diagnostics.length, 1);
    assertDiagnostic(text, diagnostics[0]!, { code: 'invalid-json', severity: 'error', line: 2, character: 2, covers: '"name"' });
    assert.match(diagnostics[0]!.message, /"," expected/);
  });

  it('reports a trailing comma as invalid-json at the closing bracket', () => {
    const text = workflowText([startNode, classifyNode.replace('["start"]', '["start",]')]);
    const diagnostic = single(diagnose(text), 'invalid-json');
    assertDiagnostic(text, diagnostic, { code: 'invalid-json', severity: 'error', line: nodeLine(1), character: 80, covers: ']' });
  });

  it('reports every syntax error, not only the first', () => {
    const text = '{\n  "kind": "workflow",\n  "name": "x" "spec": {}\n  "tags": [1 2]\n}';
    const diagnostics = diagnose(text);
    assert.ok(diagnostics.length >= 3, JSON.stringify(diagnostics.map((d) => d.message)));
    assert.ok(diagnostics.every((d) => d.code === 'invalid-json' && d.severity === 'error'));
    assert.deepEqual(diagnostics[0]!.range.start, { line: 2, character: 14 });
  });

  it('reports characters JSON does not allow even where jsonc-parser would (a no-break space between tokens)', () => {
    const diagnostic = single(diagnose('{"kind":\u00a0"workflow"}'), 'invalid-json');
    assert.equal(diagnostic.severity, 'error');
  });

  it('reports an empty text at its start, as an empty file', () => {
    for (const text of ['', '  \n\t\n', '\uFEFF\n']) {
      const diagnostic = single(diagnose(text), 'invalid-json');
      assert.deepEqual(diagnostic.range.start, { line: 0, character: 0 });
      assert.equal(diagnostic.message, 'empty file: an artifact is a JSON object');
    }
  });

  // What jsonc-parser's recovery makes of one mistake: one diagnostic, at the mistake, not the cascade after it.
  for (const [mistake, text, at, message] of [
    ['a missing closing quote', '{"kind": "workflow", "name": "x, "spec": {}, "tags": [1, 2]}', 'spec"', /unexpected character/],
    ['an unterminated string at a line end', '{\n  "description": "abc,\n  "name": "x",\n  "spec": {"a": 1}\n}', '"abc,', /unterminated string/],
    ['a wrong closing bracket', '{"kind": "workflow", "tags": [1, 2, 3}, "name": "x"}', '}, "name"', /"," expected/],
    ['a misspelt literal', '{"kind": "workflow", "enabled": tru, "name": "x"}', 'tru,', /unexpected character/],
    ['single-quoted keys', '{\'kind\': \'workflow\', "name": "x"}', "'kind'", /unexpected character/],
    ['a trailing comma', '{"kind": "workflow", "name": "x",}', '}', /property name expected/],
    ['a missing closing brace', '{"kind": "workflow", "spec": {"plan": {"nodes": []}}', '', /"}" expected/],
  ] as const) {
    it(`reports ${mistake} once`, () => {
      const diagnostics = diagnose(text);
      assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics.map((d) => d.message)));
      const [diagnostic] = diagnostics;
      assert.equal(diagnostic!.code, 'invalid-json');
      assert.match(diagnostic!.message, message);
      const lines = text.split('\n');
      const offset = lines.slice(0, diagnostic!.range.start.line).reduce((sum, line) => sum + line.length + 1, 0) + diagnostic!.range.start.character;
      assert.ok(at === '' ? offset === text.length : text.slice(offset).startsWith(at), `at ${JSON.stringify(text.slice(offset, offset + 10))}`);
    });
  }

  it('accepts JSON with comments and keeps positions exact around them', () => {
    const text = workflowText([`// the root\n      ${startNode}`, `/* step */ ${classifyNode.replace('["start"]', '["strat"]')}`]);
    const diagnostics = diagnose(text);
    assertNone(diagnostics, 'invalid-json');
    const diagnostic = single(diagnostics, 'unknown-dependency');
    assertDiagnostic(text, diagnostic, { code: 'unknown-dependency', severity: 'error', line: nodeLine(1) + 1, character: 83, covers: '"strat"' });
  });

  it('counts characters in UTF-16 code units, as VS Code does', () => {
    // "📄" is two UTF-16 code units; everything after it on the line shifts by two, not one.
    const text = workflowText([startNode, classifyNode.replace('"query_str": "classify"', '"query_str": "📄 classify"').replace('["start"]', '["strat"]')]);
    const diagnostic = single(diagnose(text), 'unknown-dependency');
    assertDiagnostic(text, diagnostic, { code: 'unknown-dependency', severity: 'error', line: nodeLine(1), character: 75, covers: '"strat"' });
  });

  it('counts CRLF line endings as one line break', () => {
    const text = workflowText([startNode, classifyNode.replace('["start"]', '["strat"]')]).replaceAll('\n', '\r\n');
    const diagnostic = single(diagnose(text), 'unknown-dependency');
    assert.deepEqual(diagnostic.range.start, { line: nodeLine(1), character: 72 });
    assert.deepEqual(diagnostic.range.end, { line: nodeLine(1), character: 79 });
  });

  it('accepts a byte-order mark', () => {
    assert.deepEqual(diagnose(`\uFEFF${workflowText([startNode, classifyNode])}`), []);
  });

  it('reports JSON that is not an object as a schema problem at the start', () => {
    for (const text of ['[1, 2]', '42', 'null', '"workflow"']) {
      const diagnostic = single(diagnose(text), 'schema');
      assertDiagnostic(text, diagnostic, { code: 'schema', severity: 'error', line: 0, character: 0, covers: text });
    }
  });

  it('gives the artifact (kind, name, parsed value) when the envelope is readable', async () => {
    const { validateArtifactText } = await import('../../../core/validation/validateArtifactText');
    const text = workflowText([startNode, classifyNode]);
    const result = validateArtifactText(text, 'workflows/claims-intake.json');
    assert.equal(result.path, 'workflows/claims-intake.json');
    assert.equal(result.artifact?.kind, 'workflow');
    assert.equal(result.artifact?.name, 'claims-intake');
    assert.deepEqual(result.artifact?.value, JSON.parse(text));
    assert.equal(validateArtifactText('{"kind": "nope"}', 'x.json').artifact, undefined);
  });
});
