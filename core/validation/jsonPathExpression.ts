import parseJsonPathQuery, { type JsonPathQuery } from 'jsonpath-rfc9535/parser';

/**
 * Outcome of checking a JSONPath; `nodeId` is set when the path reads `$.nodes.<task_id>…`, `rewrite` when a
 * failing path has a spelling that parses and means what was intended.
 */
export type JsonPathCheck = { ok: true; nodeId?: string } | { ok: false; reason: string; rewrite?: string };

// Longer expressions are not hand-written paths; refusing them bounds parser time and recursion.
const maxLength = 2000;

// Plain member/index chains (`$.metadata.document_type`, `$.items[0].id`) are by far the most common form and
// need no parser; the identifier class matches jsonpath-ng, which allows "-" in member names.
const simplePath = /^[$@](?:\.[A-Za-z_][\w-]*|\.\*|\[(?:\d+|\*)\])*$/;
const simpleNodePath = /^\$\.nodes\.([A-Za-z_][\w-]*)/;
// The same chains where a member starts with a digit, as UUID task_ids do: jsonpath-ng refuses `.0193…`.
const digitMemberPath = /^[$@](?:\.[A-Za-z0-9_][\w-]*|\.\*|\[(?:\d+|\*)\])*$/;
const digitMember = /\.(\d[\w-]*)/g;

const cache = new Map<string, JsonPathCheck>();
const cacheLimit = 10_000;

/**
 * Checks a JSONPath as Marie-AI evaluates it (jsonpath-ng with extensions): non-empty, rooted at `$` or `@`,
 * and parseable. jsonpath-ng's filter dialect (`=`, `=~`, `&`, `|`, hyphenated member names) is rewritten to
 * RFC 9535 before parsing, so `$.a[?(@.b == 1)]` and `$.tags[?(@ =~ "inv.*")]` are both accepted.
 */
export function checkJsonPath(expression: string): JsonPathCheck {
  const cached = cache.get(expression);
  if (cached) return cached;
  const result = check(expression);
  if (cache.size >= cacheLimit) cache.clear();
  cache.set(expression, result);
  return result;
}

function check(expression: string): JsonPathCheck {
  if (expression.trim() === '') return { ok: false, reason: 'is empty' };
  const root = expression[0];
  if (root !== '$' && root !== '@') return { ok: false, reason: 'must start with $ (the context root) or @ (the current value)' };
  if (expression.length > maxLength) return { ok: false, reason: `is longer than ${maxLength} characters` };
  if (simplePath.test(expression)) {
    const nodeId = simpleNodePath.exec(expression)?.[1];
    return nodeId === undefined ? { ok: true } : { ok: true, nodeId };
  }
  if (digitMemberPath.test(expression)) {
    const rewrite = expression.replace(digitMember, (_match, member: string) => `['${member}']`);
    return {
      ok: false,
      reason: `has a dot member starting with a digit, which Marie-AI's JSONPath parser refuses (the value then reads as None); write ${rewrite}`,
      rewrite,
    };
  }
  let query: JsonPathQuery;
  try {
    query = parseJsonPathQuery(toRfc9535(expression));
  } catch (error) {
    return { ok: false, reason: `is not a valid JSONPath (${describeParseError(error)})` };
  }
  const nodeId = root === '$' ? nodeIdOf(query) : undefined;
  return nodeId === undefined ? { ok: true } : { ok: true, nodeId };
}

/** `$.nodes.<id>` / `$['nodes']['<id>']` → id. */
function nodeIdOf(query: JsonPathQuery): string | undefined {
  const [first, second] = query.segments;
  if (!first || !second || first.type !== 'ChildSegment' || second.type !== 'ChildSegment') return undefined;
  return singleName(first.node) === 'nodes' ? singleName(second.node) : undefined;
}

function singleName(node: JsonPathQuery['segments'][number]['node']): string | undefined {
  if (node.type === 'MemberNameShorthand') return node.value;
  if (node.type === 'BracketedSelection' && node.selectors.length === 1) {
    const [selector] = node.selectors;
    if (selector?.type === 'NameSelector') return selector.value;
  }
  return undefined;
}

/**
 * Rewrites jsonpath-ng syntax that RFC 9535 spells differently. Only the shape matters here (the result is
 * parsed, never evaluated), so `=~` becomes a comparison. String literals are copied untouched.
 */
function toRfc9535(expression: string): string {
  let out = expression[0] === '@' ? '$' : '';
  let depth = 0;
  for (let i = out === '' ? 0 : 1; i < expression.length; i++) {
    const ch = expression[i] as string;
    if (ch === '"' || ch === "'") {
      const end = endOfString(expression, i);
      out += expression.slice(i, end);
      i = end - 1;
      continue;
    }
    const next = expression[i + 1];
    const previous = expression[i - 1];
    if (ch === '[') depth++;
    else if (ch === ']') depth--;
    if (ch === '.' && next !== '.' && previous !== '.') {
      const member = /^[A-Za-z_][\w-]*/.exec(expression.slice(i + 1))?.[0];
      if (member?.includes('-')) {
        out += `['${member}']`;
        i += member.length;
        continue;
      }
    }
    if (depth > 0 && ch === '=' && next === '~') {
      out += '==';
      i++;
    } else if (depth > 0 && ch === '=' && next !== '=' && !'=!<>'.includes(previous ?? '')) {
      out += '==';
    } else if (depth > 0 && (ch === '&' || ch === '|') && next !== ch && previous !== ch) {
      out += ch + ch;
    } else {
      out += ch;
    }
  }
  return out;
}

function endOfString(text: string, start: number): number {
  const quoteChar = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quoteChar) return i + 1;
  }
  return text.length;
}

function describeParseError(error: unknown): string {
  if (error instanceof RangeError) return 'nested too deeply';
  const found = (error as { found?: unknown }).found;
  if (found === null) return 'unexpected end';
  if (typeof found === 'string') return `unexpected ${JSON.stringify(found)}`;
  return error instanceof Error ? error.message : 'unparseable';
}
