import type { TextPosition, TextRange } from '../validation/diagnostic';

/**
 * Offsets → zero-based line/character (UTF-16 code units), counting `\r\n`, `\n` and `\r` as line breaks the
 * way VS Code does. Built once per text, only when something needs a position.
 */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    if (!text.includes('\r')) {
      // The common case, and several times faster than looking at every character.
      for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) this.lineStarts.push(at + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.lineStarts.push(i + 1);
      } else if (ch === 10 /* \n */) {
        this.lineStarts.push(i + 1);
      }
    }
  }

  /** The position of an offset, clamped into the text. */
  positionAt(offset: number): TextPosition {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - (this.lineStarts[low] ?? 0) };
  }

  /** The range of `length` code units from `offset`, clamped into the text. */
  rangeAt(offset: number, length: number): TextRange {
    const start = Math.max(0, Math.min(offset, this.text.length));
    const end = Math.max(start, Math.min(start + Math.max(0, length), this.text.length));
    return { offset: start, length: end - start, start: this.positionAt(start), end: this.positionAt(end) };
  }
}
