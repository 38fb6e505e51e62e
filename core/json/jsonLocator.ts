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

// Character codes the structural scan looks at.
const quoteChar = 0x22;
const backslash = 0x5c;
const slash = 0x2f;
const star = 0x2a;
const openBrace = 0x7b;
const closeBrace = 0x7d;
const openBracket = 0x5b;
const closeBracket = 0x5d;
const comma = 0x2c;
const colon = 0x3a;
const byteOrderMark = 0xfeff;

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09 || code === byteOrderMark;
}

/**
 * Sets the span of every trie node found in a text that parsed without syntax errors, in one pass over its
 * structure. This is hand-rolled rather than jsonc-parser's tokenizer because it is the cost of every
 * document with a finding: it jumps over strings with `indexOf` and decodes only property names on the
 * wanted paths, where the tokenizer decodes every string and number (measured ~3× slower on a 2 MB plan).
 * Iterative, so nesting depth does not matter. A repeated key locates its last occurrence, as `JSON.parse`
 * keeps. Comments (JSONC) are skipped.
 */
export function locateJsonPaths(text: string, trie: PathTrie): void {
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

  const length = text.length;
  let at = 0;
  while (at < length) {
    const code = text.charCodeAt(at);
    if (isWhitespace(code) || code === colon) {
      at++;
    } else if (code === slash) {
      at = skipComment(text, at);
    } else if (code === openBrace || code === openBracket) {
      const [node, key] = enterValue();
      stack.push({ trie: node, isArray: code === openBracket, nextIndex: 0, expectKey: true, start: at, key });
      at++;
    } else if (code === closeBrace || code === closeBracket) {
      const frame = stack.pop();
      if (frame?.trie) frame.trie.span = { offset: frame.start, length: at + 1 - frame.start, key: frame.key };
      at++;
    } else if (code === comma) {
      const top = stack[stack.length - 1];
      if (top && !top.isArray) top.expectKey = true;
      at++;
    } else if (code === quoteChar) {
      const end = endOfString(text, at);
      const top = stack[stack.length - 1];
      if (top && !top.isArray && top.expectKey) {
        top.expectKey = false;
        // Only names on a wanted path are decoded; everything else is skipped unread.
        pendingTrie = top.trie?.children ? top.trie.children.get(propertyName(text, at, end)) : undefined;
        pendingKey = { offset: at, length: end - at };
      } else {
        const [node, key] = enterValue();
        if (node) node.span = { offset: at, length: end - at, key };
      }
      at = end;
    } else {
      // A number, true, false or null: runs to the next delimiter.
      let end = at + 1;
      while (end < length && !isDelimiter(text.charCodeAt(end))) end++;
      const [node, key] = enterValue();
      if (node) node.span = { offset: at, length: end - at, key };
      at = end;
    }
  }
}

function isDelimiter(code: number): boolean {
  return code === comma || code === closeBrace || code === closeBracket || code === slash || isWhitespace(code);
}

/** Offset just past the string literal starting at `start`. */
function endOfString(text: string, start: number): number {
  let quote = text.indexOf('"', start + 1);
  while (quote !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === backslash) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    quote = text.indexOf('"', quote + 1);
  }
  return text.length;
}

function propertyName(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(text.slice(start, end)) as string;
  } catch {
    return raw;
  }
}

/** Offset just past the comment starting at `start` (or past the slash, if it starts none). */
function skipComment(text: string, start: number): number {
  const next = text.charCodeAt(start + 1);
  if (next === slash) {
    let end = start + 2;
    while (end < text.length && text.charCodeAt(end) !== 0x0a && text.charCodeAt(end) !== 0x0d) end++;
    return end;
  }
  if (next === star) {
    const close = text.indexOf('*/', start + 2);
    return close === -1 ? text.length : close + 2;
  }
  return start + 1;
}
