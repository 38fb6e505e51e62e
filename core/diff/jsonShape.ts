// Artifact content may be any value, so every read goes through these guards instead of type assertions.
import { canonicalJson } from '../json/canonicalJson';

export type JsonRecord = Record<string, unknown>;

/** The value as a plain object, or undefined when it is not one (arrays and null are not). */
export function asRecord(value: unknown): JsonRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonRecord) : undefined;
}

/**
 * An own property of an object; inherited names such as `constructor` never count as present, and `null` reads
 * as absent: it is how an artifact (and Marie-AI) writes a field that is not set, so it changes nothing.
 */
export function ownField(record: JsonRecord, key: string): unknown {
  return Object.hasOwn(record, key) ? (record[key] ?? undefined) : undefined;
}

/** Both values as objects, an absent one counting as empty; undefined when either is something else. */
export function asRecordPair(before: unknown, after: unknown): [JsonRecord, JsonRecord] | undefined {
  const previous = before === undefined ? {} : asRecord(before);
  const next = after === undefined ? {} : asRecord(after);
  return previous && next ? [previous, next] : undefined;
}

/** Both values as arrays, an absent one counting as empty; undefined when either is something else. */
export function asArrayPair(before: unknown, after: unknown): [readonly unknown[], readonly unknown[]] | undefined {
  const previous = before === undefined ? [] : before;
  const next = after === undefined ? [] : after;
  return Array.isArray(previous) && Array.isArray(next) ? [previous, next] : undefined;
}

/** A property of a value that may not be an object at all. */
export function fieldOf(value: unknown, key: string): unknown {
  const record = asRecord(value);
  return record ? ownField(record, key) : undefined;
}

/** A non-empty string, or undefined. */
export function asName(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

const maxDescribedLength = 60;

/** A short rendering of a value for a reviewer: JSON, shortened when long; `(none)` when absent. */
export function describeValue(value: unknown): string {
  if (value === undefined) return '(none)';
  if (typeof value === 'string' && value.length > maxDescribedLength - 2) {
    return JSON.stringify(`${value.slice(0, maxDescribedLength - 3)}…`);
  }
  const text = canonicalJson(withoutNullMembers(value));
  return text.length > maxDescribedLength ? `${text.slice(0, maxDescribedLength - 1)}…` : text;
}

/** The value without object members set to null (not set), so descriptions show only what is set. */
function withoutNullMembers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNullMembers);
  const record = asRecord(value);
  if (!record) return value;
  // fromEntries defines "__proto__" as a plain key, where assigning it would set the prototype.
  return Object.fromEntries(
    Object.entries(record)
      .filter(([, member]) => member !== null)
      .map(([key, member]) => [key, withoutNullMembers(member)]),
  );
}
