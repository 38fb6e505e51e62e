import { createScanner } from 'jsonc-parser';
import type { JsonPath } from '../validation/diagnostic';

/** Where a JSON value sits in its text, and the property name in front of it when it is an object member. */
export interface JsonSpan {
  offset: number;
  length: number;
  key?: { offset: number; length: number };
}

interface PathTrie {
  children?: Map<string | number, PathTrie>;
  wanted?: string;
}

interface Frame {
  trie: PathTrie | undefined;
  isArray: boolean;
  nextIndex: number;
  expectKey: boolean;
  start: number;
  key: JsonSpan['key'];
}

// jsonc-parser's SyntaxKind values (a const enum, which isolated modules cannot import).
const OpenBrace = 1;
const CloseBrace = 2;
const OpenBracket = 3;
const CloseBracket = 4;
const Comma = 5;
const StringLiteral = 10;
const NumericLiteral = 11;
const NullKeyword = 7;
const TrueKeyword = 8;
const FalseKeyword = 9;
const EndOfFile = 17;

/** The key under which `locateJsonPaths` reports a path. */
export function pathKey(path: JsonPath): string {
  return JSON.stringify(path);
}

/**
 * Finds the spans of the given paths (and of each of their ancestors) in one token pass over a text that
 * parsed without syntax errors. Iterative, so nesting depth does not matter; positions are only computed for
 * the requested paths, which keeps a clean document free of this cost entirely.
 */
export function locateJsonPaths(text: string, paths: Iterable<JsonPath>): Map<string, JsonSpan> {
  const root: PathTrie = {};
  for (const path of paths) addPath(root, path);
  const found = new Map<string, JsonSpan>();
  const scanner = createScanner(text, true);
  const stack: Frame[] = [];
  let pendingTrie: PathTrie | undefined;
  let pendingKey: JsonSpan['key'];
  let rootSeen = false;

  // The trie node of the value starting now, and the property name in front of it.
  const enterValue = (): [PathTrie | undefined, JsonSpan['key']] => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (rootSeen) return [undefined, undefined];
      rootSeen = true;
      return [root, undefined];
    }
    if (top.isArray) return [top.trie?.children?.get(top.nextIndex++), undefined];
    const entry: [PathTrie | undefined, JsonSpan['key']] = [pendingTrie, pendingKey];
    pendingTrie = undefined;
    pendingKey = undefined;
    return entry;
  };

  for (let token = scanner.scan(); token !== EndOfFile; token = scanner.scan()) {
    const top = stack[stack.length - 1];
    switch (token) {
      case OpenBrace:
      case OpenBracket: {
        const [trie, key] = enterValue();
        stack.push({ trie, isArray: token === OpenBracket, nextIndex: 0, expectKey: true, start: scanner.getTokenOffset(), key });
        break;
      }
      case CloseBrace:
      case CloseBracket: {
        const frame = stack.pop();
        if (frame?.trie?.wanted !== undefined) {
          const end = scanner.getTokenOffset() + scanner.getTokenLength();
          found.set(frame.trie.wanted, { offset: frame.start, length: end - frame.start, key: frame.key });
        }
        break;
      }
      case Comma:
        if (top && !top.isArray) top.expectKey = true;
        break;
      case StringLiteral:
        if (top && !top.isArray && top.expectKey) {
          top.expectKey = false;
          pendingTrie = top.trie?.children?.get(scanner.getTokenValue());
          pendingKey = { offset: scanner.getTokenOffset(), length: scanner.getTokenLength() };
          break;
        }
        recordScalar(found, enterValue(), scanner.getTokenOffset(), scanner.getTokenLength());
        break;
      case NumericLiteral:
      case NullKeyword:
      case TrueKeyword:
      case FalseKeyword:
        recordScalar(found, enterValue(), scanner.getTokenOffset(), scanner.getTokenLength());
        break;
      default:
        break;
    }
  }
  return found;
}

function recordScalar(found: Map<string, JsonSpan>, [trie, key]: [PathTrie | undefined, JsonSpan['key']], offset: number, length: number): void {
  if (trie?.wanted !== undefined) found.set(trie.wanted, { offset, length, key });
}

function addPath(root: PathTrie, path: JsonPath): void {
  let node = root;
  node.wanted = pathKey([]);
  for (let i = 0; i < path.length; i++) {
    const segment = path[i] as string | number;
    node.children ??= new Map();
    let child = node.children.get(segment);
    if (!child) {
      child = {};
      node.children.set(segment, child);
    }
    child.wanted ??= pathKey(path.slice(0, i + 1));
    node = child;
  }
}
