import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createScanner, findNodeAtLocation, parseTree, type SyntaxKind } from 'jsonc-parser';
import { locateJsonPaths, PathTrie } from '../../../core/json/jsonLocator';
import { TextLocations } from '../../../core/json/textLocations';
import type { JsonPath } from '../../../core/validation/diagnostic';

/** Every path into a JSON value, root first. */
function pathsOf(value: unknown, prefix: JsonPath = [], into: JsonPath[] = []): JsonPath[] {
  into.push(prefix);
  if (Array.isArray(value)) value.forEach((item, i) => pathsOf(item, [...prefix, i], into));
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) pathsOf(item, [...prefix, key], into);
  return into;
}

// SyntaxKind.EOF: a const enum, which isolated modules cannot read as a value.
const endOfFile: SyntaxKind = 17;

/** Inserts a block or line comment after some of the tokens of a JSON text (found with jsonc-parser's scanner). */
function withComments(text: string, every: number): string {
  const scanner = createScanner(text, true);
  let out = '';
  let from = 0;
  for (let token = scanner.scan(), count = 0; token !== endOfFile; token = scanner.scan(), count++) {
    const end = scanner.getTokenOffset() + scanner.getTokenLength();
    out += text.slice(from, end);
    from = end;
    if (count % every === 0) out += count % 2 === 0 ? ' /* "{[,]}" */ ' : ' // "x":\n';
  }
  return out + text.slice(from);
}

const documents = fc
  .tuple(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(0, 2, '\t'), fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }))
  .map(([value, space, commentEvery]) => {
    const plain = JSON.stringify(value, null, space) ?? 'null';
    return { value, text: commentEvery === undefined ? plain : withComments(plain, commentEvery) };
  });

describe('JSON locator', () => {
  it('finds the same spans as jsonc-parser for every path of random documents', () => {
    fc.assert(
      fc.property(documents, ({ value, text }) => {
        const paths = pathsOf(value);
        const trie = new PathTrie();
        for (const path of paths) trie.add(path);
        locateJsonPaths(text, trie);
        const tree = parseTree(text);
        assert.ok(tree);
        for (const path of paths) {
          const expected = findNodeAtLocation(tree, [...path]);
          const span = trie.walk(path)[path.length]?.span;
          assert.ok(expected && span, `missing ${JSON.stringify(path)}`);
          assert.deepEqual([span.offset, span.length], [expected.offset, expected.length], JSON.stringify(path));
          const keyNode = expected.parent?.type === 'property' ? expected.parent.children?.[0] : undefined;
          assert.deepEqual(span.key && [span.key.offset, span.key.length], keyNode && [keyNode.offset, keyNode.length]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('uses the last of repeated keys, as JSON.parse does', () => {
    const text = '{"a": 1, "b": {"c": 2}, "a": [3]}';
    const locations = new TextLocations(text);
    assert.equal(locations.range(['a']).offset, text.lastIndexOf('[3]'));
    assert.equal(locations.range(['a'], 'key').offset, text.lastIndexOf('"a"'));
  });

  it('falls back to the nearest ancestor for a path the text lacks', () => {
    const text = '{\n  "spec": {"plan": {}}\n}';
    const locations = new TextLocations(text);
    assert.deepEqual(locations.range(['spec', 'plan', 'nodes', 3]).start, { line: 1, character: 19 });
    assert.deepEqual(locations.range(['missing']).start, { line: 0, character: 0 });
  });
});
