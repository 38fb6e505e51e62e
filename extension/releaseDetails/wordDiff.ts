import { diffWordsWithSpace } from 'diff';
import type { WordSegment } from '../../webviews/release/protocol';

/** Unchanged words kept on each side of a change; longer unchanged stretches are elided. */
const contextWords = 6;

/**
 * Where a text changed, word by word (jsdiff): unchanged stretches longer than the context on both sides are
 * shortened to "…", so a reviewer sees the edit, not two copies of the same paragraph.
 */
export function wordDiff(before: string, after: string): WordSegment[] {
  const segments: WordSegment[] = [];
  const parts = diffWordsWithSpace(before, after);
  parts.forEach((part, index) => {
    if (part.added) segments.push({ text: part.value, op: 'added' });
    else if (part.removed) segments.push({ text: part.value, op: 'removed' });
    else segments.push(...shortened(part.value, index > 0, index < parts.length - 1));
  });
  return segments;
}

/** An unchanged stretch, keeping only the words next to a change before it (`lead`) and after it (`trail`). */
function shortened(text: string, lead: boolean, trail: boolean): WordSegment[] {
  const words = text.split(/(?<=\s)(?=\S)/);
  const keepStart = lead ? contextWords : 0;
  const keepEnd = trail ? contextWords : 0;
  if (words.length <= keepStart + keepEnd + 1) return [{ text, op: 'same' }];
  const segments: WordSegment[] = [];
  if (keepStart > 0) segments.push({ text: words.slice(0, keepStart).join(''), op: 'same' });
  segments.push({ text: '…', op: 'elided' });
  if (keepEnd > 0) segments.push({ text: words.slice(words.length - keepEnd).join(''), op: 'same' });
  return segments;
}
