import { asRecord } from './jsonShape';

/**
 * Canonical JSON that also ignores the order of array elements and members set to `null`: two values that
 * differ only in key order, element order or a `null` where the other has nothing render the same, which is
 * what "order only changes nothing" and "null means not set" mean for the bump rules.
 */
export function unorderedCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(unorderedCanonicalJson).sort().join(',')}]`;
  const record = asRecord(value) ?? {};
  const entries = Object.keys(record)
    .filter((key) => record[key] !== undefined && record[key] !== null)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${unorderedCanonicalJson(record[key])}`);
  return `{${entries.join(',')}}`;
}

/** True when two values differ at most in key order or array element order. */
export function sameContent(a: unknown, b: unknown): boolean {
  return a === b || unorderedCanonicalJson(a) === unorderedCanonicalJson(b);
}
