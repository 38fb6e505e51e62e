import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { methods } from '../../../core/artifacts/methods';
import { nodeTypes } from '../../../core/artifacts/nodeType';
import type { Diagnostic, TextRange } from '../../../core/validation/diagnostic';
import { ruleCodes } from '../../../core/validation/ruleCodes';
import { validateArtifactText } from '../../../core/validation/validateArtifactText';
import { validateRepository } from '../../../core/validation/validateRepository';

const example = readFileSync(join(__dirname, 'fixtures', 'claimsIntake.json'), 'utf8');

/** Line/character computed naively, independently of the validator's line index. */
function naivePosition(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length - 1, character: (lines[lines.length - 1] as string).length };
}

function assertRangeInside(text: string, range: TextRange, what: string): void {
  assert.ok(Number.isInteger(range.offset) && Number.isInteger(range.length), what);
  assert.ok(range.offset >= 0 && range.length >= 0 && range.offset + range.length <= text.length, `${what}: range outside the text`);
  assert.deepEqual(range.start, naivePosition(text, range.offset), `${what}: start`);
  assert.deepEqual(range.end, naivePosition(text, range.offset + range.length), `${what}: end`);
}

function assertWellFormed(text: string, diagnostics: readonly Diagnostic[]): void {
  for (const diagnostic of diagnostics) {
    const entry = ruleCodes[diagnostic.code as keyof typeof ruleCodes];
    assert.ok(entry, `unknown code ${diagnostic.code}`);
    assert.equal(diagnostic.severity, entry.severity);
    assert.ok(typeof diagnostic.message === 'string' && diagnostic.message.length > 0);
    assert.ok(Array.isArray(diagnostic.path) && diagnostic.path.every((s) => typeof s === 'string' || Number.isInteger(s)));
    assertRangeInside(text, diagnostic.range, diagnostic.code);
    for (const related of diagnostic.related ?? []) if (related.file === undefined) assertRangeInside(text, related.range, 'related');
    for (const fix of diagnostic.fixes ?? []) {
      for (const edit of fix.edits) assert.ok(edit.offset >= 0 && edit.offset + edit.length <= text.length, 'fix edit outside the text');
    }
  }
}

function check(text: string): void {
  assertWellFormed(text, validateArtifactText(text, 'workflows/w.json').diagnostics);
}

// Values shaped like artifacts, each part either plausible or arbitrary JSON.
const anyJson = fc.jsonValue({ maxDepth: 3 });
const ids = fc.constantFrom('start', 'a', 'b', 'c', '__proto__', 'constructor', 'toString', '', 'hasOwnProperty');
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary }, { weight: 1, arbitrary: anyJson });
const jsonPaths = fc.oneof(fc.constantFrom('$.nodes.a.output', '$.nodes.b', '$.data[?(@.x == 1)]', '@.y', '', 'x', '$[', "$['nodes']['c']"), fc.string());
const condition = fc.letrec((tie) => ({
  condition: fc.oneof(
    { depthSize: 'small' },
    fc.record({ jsonpath: maybe(jsonPaths), operator: maybe(fc.constantFrom('==', 'exists', 'in', 'bogus')), value: anyJson }, { requiredKeys: [] }),
    fc.record({ combinator: maybe(fc.constantFrom('AND', 'OR')), conditions: fc.array(tie('condition'), { maxLength: 3 }) }, { requiredKeys: [] }),
  ),
}));
const definition = fc.record(
  {
    method: maybe(fc.constantFrom(...methods, 'OCR')),
    endpoint: maybe(fc.constantFrom('x://y', 'noop', '')),
    model_name: fc.string(),
    params: maybe(fc.record({ agent: maybe(fc.string()), processor: maybe(fc.string()) }, { requiredKeys: [] })),
    paths: maybe(
      fc.array(
        fc.record(
          { path_id: maybe(fc.constantFrom('pass', 'fail', 'p')), target_node_ids: maybe(fc.array(maybe(ids))), condition: condition.condition },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
    ),
    default_path_id: maybe(fc.constantFrom('p', 'q')),
    cases: maybe(fc.dictionary(fc.string(), maybe(fc.array(maybe(ids))))),
    default_case: maybe(fc.array(maybe(ids))),
    switch_field: maybe(jsonPaths),
    input_source: maybe(jsonPaths),
    merge_strategy: maybe(fc.constantFrom('wait_n', 'wait_any')),
    min_required: anyJson,
    metrics: maybe(fc.array(fc.record({ type: maybe(fc.constantFrom('relevance', 'x')), name: fc.string(), weight: fc.double() }, { requiredKeys: [] }))),
    timeout: maybe(fc.record({ enabled: anyJson }, { requiredKeys: [] })),
    __proto__: anyJson,
  },
  { requiredKeys: [] },
);
const node = fc.record(
  {
    task_id: maybe(ids),
    query_str: maybe(fc.string()),
    dependencies: maybe(fc.array(maybe(ids), { maxLength: 4 })),
    node_type: maybe(fc.constantFrom(...nodeTypes)),
    definition: maybe(definition),
    constructor: anyJson,
  },
  { requiredKeys: [] },
);
const artifact = fc.record(
  {
    kind: maybe(fc.constantFrom('workflow', 'agent', 'processor')),
    name: maybe(fc.constantFrom('claims', 'a', 'Bad Name')),
    spec: maybe(
      fc.record(
        {
          outputs: maybe(fc.dictionary(ids, anyJson)),
          plan: maybe(fc.record({ nodes: maybe(fc.array(node, { maxLength: 8 })) }, { requiredKeys: [] })),
          tools: maybe(fc.array(fc.record({ name: maybe(fc.string()) }))),
          processor_type: maybe(fc.constantFrom('extractor', 'classifier')),
          fields: maybe(fc.array(fc.record({ name: maybe(fc.constantFrom('a', 'b')), children: anyJson }, { requiredKeys: [] }))),
          classes: maybe(fc.array(maybe(fc.string()))),
        },
        { requiredKeys: [] },
      ),
    ),
    __proto__: anyJson,
  },
  { requiredKeys: [] },
);
const indent = fc.constantFrom(0, 1, 2, '\t');

describe('the validator never throws', () => {
  it('on arbitrary JSON values', () => {
    fc.assert(
      fc.property(anyJson, indent, (value, space) => check(JSON.stringify(value, null, space))),
      { numRuns: 300 },
    );
  });

  it('on values shaped like artifacts, with random parts', () => {
    fc.assert(
      fc.property(artifact, indent, (value, space) => check(JSON.stringify(value, null, space))),
      { numRuns: 400 },
    );
  });

  it('on a valid workflow with random edits to its text', () => {
    const edit = fc.record({ at: fc.nat({ max: example.length }), remove: fc.nat({ max: 8 }), insert: fc.string({ maxLength: 4 }) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let text = example;
        for (const e of edits) text = text.slice(0, e.at) + e.insert + text.slice(e.at + e.remove);
        check(text);
      }),
      { numRuns: 300 },
    );
  });

  it('on random byte strings and unicode', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => check(Buffer.from(bytes).toString('utf8'))),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => check(text)),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 100 }), (text) => check(`{"kind": "workflow", "name": ${JSON.stringify(text)}}`)),
      { numRuns: 100 },
    );
  });

  it('on repositories of random files', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a.json', 'b.json', 'a.json'), artifact), { maxLength: 4 }), (files) => {
        const texts = files.map(([path, value]) => ({ path, text: JSON.stringify(value, null, 2) }));
        const result = validateRepository(texts);
        result.files.forEach((file, i) => assertWellFormed(texts[i]!.text, file.diagnostics));
      }),
      { numRuns: 150 },
    );
  });

  it('on extreme nesting and size', () => {
    const deepArrays = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    check(deepArrays);
    check(deepArrays.slice(0, -1));
    // Built as text: JSON.stringify itself would overflow on these.
    const depth = 20_000;
    const deepCondition = `${'{"combinator": "AND", "conditions": ['.repeat(depth)}{"jsonpath": "$.x", "operator": "exists"}${']}'.repeat(depth)}`;
    const deepBranch = example.replace('{"jsonpath": "$.metadata.document_type", "operator": "==", "value": "cms1500"}', deepCondition);
    assert.notEqual(deepBranch, example);
    const diagnostics = validateArtifactText(deepBranch, 'w.json').diagnostics;
    assertWellFormed(deepBranch, diagnostics);
    assert.deepEqual(
      diagnostics.map((d) => d.message),
      ['the document nests too deeply to be checked'],
    );
    const deepField = `${'{"name": "group", "data_type": "PLAIN_TEXT", "occurrence": "REQUIRED_ONCE", "children": ['.repeat(depth)}{"name": "leaf", "data_type": "NUMBER", "occurrence": "REQUIRED_ONCE"}${']}'.repeat(depth)}`;
    check(`{"kind": "processor", "name": "deep", "spec": {"processor_type": "extractor", "endpoint": "x://y", "fields": [${deepField}]}}`);
    check(JSON.stringify({ kind: 'workflow', name: 'wide', spec: { plan: { nodes: Array.from({ length: 3000 }, () => ({ task_id: 'same' })) } } }));
  });

  it('keeps "__proto__" and friends as plain keys', () => {
    const text =
      '{"kind": "workflow", "name": "proto", "__proto__": {"polluted": true}, "spec": {"plan": {"nodes": [{"task_id": "__proto__", "query_str": "q", "definition": {"method": "NOOP", "__proto__": 1}}]}}}';
    const diagnostics = validateArtifactText(text, 'w.json').diagnostics;
    assertWellFormed(text, diagnostics);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.message]),
      [
        ['unknown-key', 'an artifact has no field "__proto__"; Forge Releases ignores it and does not publish it'],
        ['unknown-key', 'NOOP does not read "__proto__"; Marie-AI drops it silently'],
      ],
    );
    assert.equal(({} as { polluted?: unknown }).polluted, undefined);
  });
});
