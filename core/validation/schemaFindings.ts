import type { z } from 'zod';
import type { JsonPath } from './diagnostic';
import { type Finding, quote } from './finding';

type Issue = z.core.$ZodIssue;

/**
 * Validates `value` (found at `prefix` inside the document `root`) against `schema` and returns its schema
 * findings. Recursive schemas (conditions, processor fields) nested thousands deep exhaust the stack; that
 * becomes one finding instead of an exception.
 */
export function checkAgainstSchema(schema: z.ZodType, value: unknown, root: unknown, prefix: JsonPath = []): Finding[] {
  try {
    const result = schema.safeParse(value);
    return result.success ? [] : schemaFindings(result.error.issues, root, prefix);
  } catch (error) {
    if (error instanceof RangeError) return [{ code: 'schema', message: 'the document nests too deeply to be checked', path: prefix }];
    throw error;
  }
}

/**
 * Maps zod issues to `schema` findings, one per problem: a missing field at the object that lacks it, an
 * unknown field at its name, anything else at the offending value. `value` is the parsed document, used to
 * tell a missing field from a wrong one and to quote what was found.
 */
export function schemaFindings(issues: readonly Issue[], value: unknown, prefix: JsonPath = []): Finding[] {
  const findings: Finding[] = [];
  // Order does not matter here: diagnostics are sorted by position once they have ranges.
  const pending: Array<{ issue: Issue; base: JsonPath }> = issues.map((issue) => ({ issue, base: prefix }));
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { issue, base } = next;
    const path = [...base, ...issue.path.map(toSegment)];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // Explain the alternative the value came closest to, not every alternative.
      for (const inner of closestAlternative(issue.errors, value, path)) pending.push({ issue: inner, base: path });
      continue;
    }
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        findings.push({ code: 'schema', message: `unknown field ${quote(key)}`, path: [...path, key], anchor: 'key' });
      }
      continue;
    }
    findings.push(describeIssue(issue, path, value));
  }
  return findings;
}

function describeIssue(issue: Issue, path: JsonPath, root: unknown): Finding {
  const parentPath = path.slice(0, -1);
  const field = path[path.length - 1];
  if (field !== undefined && isMissing(root, parentPath, field)) {
    const message = issue.code === 'custom' ? issue.message : `missing required field ${quote(field)}`;
    return { code: 'schema', message, path: parentPath };
  }
  return { code: 'schema', message: `${label(path)} ${problem(issue, valueAt(root, path))}`, path };
}

function problem(issue: Issue, actual: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${typeWords[issue.expected] ?? issue.expected}, not ${describeType(actual)}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${quote(issue.values[0])}, not ${quote(actual)}`
        : `must be one of ${issue.values.map((v) => quote(v)).join(', ')}, not ${quote(actual)}`;
    case 'too_small':
      return bound(issue.origin, 'at least', issue.minimum, issue.inclusive !== false);
    case 'too_big':
      return bound(issue.origin, 'at most', issue.maximum, issue.inclusive !== false);
    case 'invalid_format':
    case 'not_multiple_of':
    case 'unrecognized_keys':
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
      // Formats and refinements carry their own explanation, phrased as a predicate ("must …").
      return issue.message;
  }
}

function bound(origin: string, direction: 'at least' | 'at most', limit: number | bigint, inclusive: boolean): string {
  if (origin === 'array') return `must have ${direction} ${limit} item${limit === 1 ? '' : 's'}`;
  if (origin === 'string') return Number(limit) === 1 && direction === 'at least' ? 'must not be empty' : `must have ${direction} ${limit} characters`;
  const symbol = direction === 'at least' ? (inclusive ? '≥' : '>') : inclusive ? '≤' : '<';
  return `must be ${symbol} ${limit}`;
}

const typeWords: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'an array',
  null: 'null',
};

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${quote(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return typeof value === 'boolean' ? String(value) : typeof value;
}

/** `"node_type"`, `dependencies[2]`, or `the document` for the root. */
function label(path: JsonPath): string {
  const last = path[path.length - 1];
  if (last === undefined) return 'the document';
  if (typeof last === 'number') {
    const owner = path[path.length - 2];
    return typeof owner === 'string' ? `${quote(owner)}[${last}]` : `item ${last}`;
  }
  return quote(last);
}

function toSegment(key: PropertyKey): string | number {
  return typeof key === 'number' ? key : String(key);
}

/** The alternative with the fewest problems, preferring problems in present fields over missing ones. */
function closestAlternative(alternatives: readonly (readonly Issue[])[], root: unknown, at: JsonPath): readonly Issue[] {
  let best: readonly Issue[] = alternatives[0] ?? [];
  let bestScore = Number.POSITIVE_INFINITY;
  for (const issues of alternatives) {
    const missing = issues.filter((issue) => {
      const path = [...at, ...issue.path.map(toSegment)];
      const field = path[path.length - 1];
      return field !== undefined && isMissing(root, path.slice(0, -1), field);
    }).length;
    const score = issues.length * 2 + missing;
    if (score < bestScore) {
      best = issues;
      bestScore = score;
    }
  }
  return best;
}

/** The value at a path of a parsed document, or undefined. */
function valueAt(root: unknown, path: JsonPath): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function isMissing(root: unknown, parentPath: JsonPath, field: string | number): boolean {
  const parent = valueAt(root, parentPath);
  return parent !== null && typeof parent === 'object' && !Array.isArray(parent) && !Object.hasOwn(parent, field);
}
