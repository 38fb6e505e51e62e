import type { Bump } from './bump';
import type { ChangeDrafts } from './changeDraft';
import { keyPath, pathSubject } from './changePath';
import { asRecord, asRecordPair, describeValue, ownField, type JsonRecord } from './jsonShape';
import { sameContent, unorderedCanonicalJson } from './sameContent';

/** Diffs the values found at one path and records what it finds in `out`. */
export type ValueDiffer = (path: string, before: unknown, after: unknown, out: ChangeDrafts) => void;

/**
 * Reports every difference between two values at one bump level (patch unless told otherwise), key by key for
 * objects and element by element for arrays. This is the rule for "anything else" and the fallback for content
 * that cannot be interpreted.
 */
export function diffGeneric(path: string, before: unknown, after: unknown, out: ChangeDrafts, bump: Bump = 'patch'): void {
  if (sameContent(before, after)) return;
  const subject = pathSubject(path);
  if (before === undefined) {
    out.push({ path, change: `${subject} added: ${describeValue(after)}`, bump });
  } else if (after === undefined) {
    out.push({ path, change: `${subject} removed (was ${describeValue(before)})`, bump });
  } else if (asRecord(before) && asRecord(after)) {
    diffKeys(path, asRecord(before) ?? {}, asRecord(after) ?? {}, {}, out, bump);
  } else if (Array.isArray(before) && Array.isArray(after)) {
    out.push({ path, change: `${subject} changed: ${describeElementChanges(before, after)}`, bump });
  } else {
    const text = typeof before === 'string' && typeof after === 'string' ? { before, after } : {};
    out.push({ path, change: `${subject} changed from ${describeValue(before)} to ${describeValue(after)}`, bump, ...text });
  }
}

/** A differ that reports any change of its value at a fixed bump (e.g. `evaluation_mode` → major). */
export function differAt(bump: Bump): ValueDiffer {
  return (path, before, after, out) => diffGeneric(path, before, after, out, bump);
}

/**
 * Diffs two objects key by key: a key with its own differ uses it; every other key is compared generically at
 * `fallbackBump`. Keys whose values differ only in order are skipped.
 */
export function diffKeys(
  path: string,
  before: JsonRecord,
  after: JsonRecord,
  differs: Readonly<Record<string, ValueDiffer>>,
  out: ChangeDrafts,
  fallbackBump: Bump = 'patch',
): void {
  // Members set to null are not set: they neither change anything nor decide where a change is listed.
  const keys = new Set([...setKeys(before), ...setKeys(after)]);
  for (const key of keys) {
    const previous = ownField(before, key);
    const next = ownField(after, key);
    if (sameContent(previous, next)) continue;
    const differ = Object.hasOwn(differs, key) ? differs[key] : undefined;
    if (differ) differ(keyPath(path, key), previous, next, out);
    else diffGeneric(keyPath(path, key), previous, next, out, fallbackBump);
  }
}

function setKeys(record: JsonRecord): string[] {
  return Object.keys(record).filter((key) => ownField(record, key) !== undefined);
}

/**
 * Diffs two values expected to be objects (absent counts as empty) with per-key differs; anything else is
 * compared generically.
 */
export function diffObject(path: string, before: unknown, after: unknown, differs: Readonly<Record<string, ValueDiffer>>, out: ChangeDrafts): void {
  const records = asRecordPair(before, after);
  if (records) diffKeys(path, records[0], records[1], differs, out);
  else diffGeneric(path, before, after, out);
}

/** The elements added and removed between two arrays, compared as multisets of canonical JSON. */
export function elementChanges(before: readonly unknown[], after: readonly unknown[]): { added: unknown[]; removed: unknown[] } {
  const remaining = new Map<string, number>();
  for (const element of before) {
    const key = unorderedCanonicalJson(element);
    remaining.set(key, (remaining.get(key) ?? 0) + 1);
  }
  const added: unknown[] = [];
  for (const element of after) {
    const key = unorderedCanonicalJson(element);
    const count = remaining.get(key) ?? 0;
    if (count > 0) remaining.set(key, count - 1);
    else added.push(element);
  }
  const removed: unknown[] = [];
  for (const element of before) {
    const key = unorderedCanonicalJson(element);
    const count = remaining.get(key) ?? 0;
    if (count > 0) {
      remaining.set(key, count - 1);
      removed.push(element);
    }
  }
  return { added, removed };
}

function describeElementChanges(before: readonly unknown[], after: readonly unknown[]): string {
  const { added, removed } = elementChanges(before, after);
  const parts: string[] = [];
  if (added.length > 0) parts.push(`added ${added.map(describeValue).join(', ')}`);
  if (removed.length > 0) parts.push(`removed ${removed.map(describeValue).join(', ')}`);
  return parts.join('; ');
}
