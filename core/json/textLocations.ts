import type { JsonPath, TextRange } from '../validation/diagnostic';
import { type JsonSpan, locateJsonPaths, PathTrie } from './jsonLocator';
import { LineIndex } from './lineIndex';

/**
 * Ranges of JSON paths in one text. Paths are registered first (`want`) and located together in a single pass
 * the first time a range is asked for, so a file pays for positions once and only when it has findings.
 */
export class TextLocations {
  private readonly trie = new PathTrie();
  private located = false;
  private lines: LineIndex | undefined;

  constructor(private readonly text: string) {}

  /** Registers a path whose range will be asked for (its ancestors are located with it). */
  want(path: JsonPath): void {
    if (this.trie.add(path)) this.located = false;
  }

  /** The span of exactly this path, if the text has it. */
  span(path: JsonPath): JsonSpan | undefined {
    const nodes = this.locate(path);
    return nodes.length === path.length + 1 ? nodes[nodes.length - 1]?.span : undefined;
  }

  /** The range of a path's value (or property name), falling back to its nearest present ancestor. */
  range(path: JsonPath, anchor: 'value' | 'key' = 'value'): TextRange {
    const nodes = this.locate(path);
    for (let depth = nodes.length - 1; depth >= 0; depth--) {
      const span = nodes[depth]?.span;
      if (!span) continue;
      const target = anchor === 'key' && depth === path.length && span.key ? span.key : span;
      return this.rangeAt(target.offset, target.length);
    }
    return this.rangeAt(0, 0);
  }

  /** A range from raw offsets. */
  rangeAt(offset: number, length: number): TextRange {
    this.lines ??= new LineIndex(this.text);
    return this.lines.rangeAt(offset, length);
  }

  private locate(path: JsonPath) {
    this.want(path);
    if (!this.located) {
      // The text never changes, so spans found by an earlier pass stay right; this pass adds the new paths.
      locateJsonPaths(this.text, this.trie);
      this.located = true;
    }
    return this.trie.walk(path);
  }
}
