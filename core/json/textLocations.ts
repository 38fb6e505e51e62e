import type { JsonPath, TextRange } from '../validation/diagnostic';
import { type JsonSpan, locateJsonPaths, pathKey } from './jsonLocator';
import { LineIndex } from './lineIndex';

/**
 * Ranges of JSON paths in one text. Paths are registered first (`want`) and located together in a single pass
 * the first time a range is asked for, so a file pays for positions once and only when it has findings.
 */
export class TextLocations {
  private readonly wanted = new Map<string, JsonPath>();
  private spans: Map<string, JsonSpan> | undefined;
  private lines: LineIndex | undefined;

  constructor(private readonly text: string) {}

  /** Registers a path whose range will be asked for (its ancestors are located with it). */
  want(path: JsonPath): void {
    for (let length = path.length; length >= 0; length--) {
      const prefix = length === path.length ? path : path.slice(0, length);
      const key = pathKey(prefix);
      if (this.wanted.has(key)) return;
      this.wanted.set(key, prefix);
      this.spans = undefined;
    }
  }

  /** The span of exactly this path, if the text has it. */
  span(path: JsonPath): JsonSpan | undefined {
    this.want(path);
    this.spans ??= locateJsonPaths(this.text, this.wanted.values());
    return this.spans.get(pathKey(path));
  }

  /** The range of a path's value (or property name), falling back to its nearest present ancestor. */
  range(path: JsonPath, anchor: 'value' | 'key' = 'value'): TextRange {
    for (let length = path.length; length >= 0; length--) {
      const span = this.span(length === path.length ? path : path.slice(0, length));
      if (!span) continue;
      const target = anchor === 'key' && length === path.length && span.key ? span.key : span;
      return this.rangeAt(target.offset, target.length);
    }
    return this.rangeAt(0, 0);
  }

  /** A range from raw offsets. */
  rangeAt(offset: number, length: number): TextRange {
    this.lines ??= new LineIndex(this.text);
    return this.lines.rangeAt(offset, length);
  }
}
