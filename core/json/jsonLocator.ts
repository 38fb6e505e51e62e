import { createScanner } from 'jsonc-parser';
import type { JsonPath } from '../validation/diagnostic';

/** Where a JSON value sits in its text, and the property name in front of it when it is an object member. */
export interface JsonSpan {
  offset: number;
  length: number;
  key?: { offset: number; length: number };
}

/** One step of a path; `span` is filled in by `locateJsonPaths` when the text has that value. */
export interface PathTrieNode {
  children?: Map<string | number, PathTrieNode>;
  span?: JsonSpan;
}

/** A set of JSON paths sharing their prefixes; every prefix of a wanted path is located too. */
export class PathTrie {
  readonly root: PathTrieNode = {};

  /** Adds a path; returns whether anything was new. */
  add(path: JsonPath): boolean {
    let node = this.root;
    let added = false;
    for (const segment of path) {
      node.children ??= new Map();
      let child = node.children.get(segment);
      if (!child) {
        child = {};
        node.children.set(segment, child);
        added = true;
      }
      node = child;
    }
    return added;
  }

  /** The trie nodes along `path`, root first, as far as the trie goes. */
  walk(path: JsonPath): PathTrieNode[] {
    const nodes = [this.root];
    let node: PathTrieNode | undefined = this.root;
    for (const segment of path) {
      node = node.children?.get(segment);
      if (!node) break;
      nodes.push(node);
    }
    return nodes;
  }
}

interface Frame {
  trie: PathTrieNode | undefined;
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
const NullKeyword = 7;
const TrueKeyword = 8;
const FalseKeyword = 9;
const StringLiteral = 10;
const NumericLiteral = 11;
const EndOfFile = 17;

/**
 * Sets the span of every trie node found in a text that parsed without syntax errors, in one token pass.
 * Iterative, so nesting depth does not matter; only the trie's paths are tracked, which keeps a clean
 * document (nothing to locate) free of this cost entirely. A repeated key locates its last occurrence, the
 * one `JSON.parse` keeps.
 */
export function locateJsonPaths(text: string, trie: PathTrie): void {
  const scanner = createScanner(text, true);
  const stack: Frame[] = [];
  let pendingTrie: PathTrieNode | undefined;
  let pendingKey: JsonSpan['key'];
  let rootSeen = false;

  // The trie node of the value starting now, and the property name in front of it.
  const enterValue = (): [PathTrieNode | undefined, JsonSpan['key']] => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (rootSeen) return [undefined, undefined];
      rootSeen = true;
      return [trie.root, undefined];
    }
    if (top.isArray) return [top.trie?.children?.get(top.nextIndex++), undefined];
    const entry: [PathTrieNode | undefined, JsonSpan['key']] = [pendingTrie, pendingKey];
    pendingTrie = undefined;
    pendingKey = undefined;
    return entry;
  };
  const recordScalar = (): void => {
    const [node, key] = enterValue();
    if (node) node.span = { offset: scanner.getTokenOffset(), length: scanner.getTokenLength(), key };
  };

  for (let token = scanner.scan(); token !== EndOfFile; token = scanner.scan()) {
    const top = stack[stack.length - 1];
    switch (token) {
      case OpenBrace:
      case OpenBracket: {
        const [node, key] = enterValue();
        stack.push({ trie: node, isArray: token === OpenBracket, nextIndex: 0, expectKey: true, start: scanner.getTokenOffset(), key });
        break;
      }
      case CloseBrace:
      case CloseBracket: {
        const frame = stack.pop();
        if (frame?.trie) {
          const end = scanner.getTokenOffset() + scanner.getTokenLength();
          frame.trie.span = { offset: frame.start, length: end - frame.start, key: frame.key };
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
        } else {
          recordScalar();
        }
        break;
      case NumericLiteral:
      case NullKeyword:
      case TrueKeyword:
      case FalseKeyword:
        recordScalar();
        break;
      default:
        break;
    }
  }
}
