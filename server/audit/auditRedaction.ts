/**
 * The redaction guard every appended event passes through, so a careless emitter cannot put a secret into the
 * permanent, hash-chained log. The rule, applied at every depth of `details`:
 *
 * 1. A key whose words (split on camelCase, `_`, `-`, `.`) include token, secret, password, passwd, passphrase,
 *    authorization, credential(s), cookie, bearer, apikey / api key or privatekey / private key is sensitive,
 *    unless its last word only describes the thing (id, ids, name, names, count, kind, type, hint): `tokenId`
 *    and `secretName` stay, `token`, `apiKey` and `dbPassword` go.
 * 2. In an object marked `secret: true` (a secret variable), the `value` key is sensitive.
 * 3. A string that starts with `Bearer ` is a credential wherever it appears.
 *
 * A sensitive string, object or array is replaced by `[redacted]`; booleans, numbers and null are kept, since
 * flags such as `secret: true` are what auditors need to see. Stripping, rather than refusing, keeps the state
 * change and its record together; the placeholder shows a value was withheld.
 */
export const redactedPlaceholder = '[redacted]';

const sensitiveWords = new Set([
  'token',
  'tokens',
  'secret',
  'secrets',
  'password',
  'passwd',
  'passphrase',
  'authorization',
  'credential',
  'credentials',
  'cookie',
  'bearer',
  'apikey',
  'privatekey',
]);
const sensitivePairs = [
  ['api', 'key'],
  ['private', 'key'],
] as const;
const descriptorWords = new Set(['id', 'ids', 'name', 'names', 'count', 'kind', 'type', 'hint']);

/** The result of redacting details: the safe copy and the paths whose values were withheld. */
export interface Redaction {
  details: Record<string, unknown>;
  redactedPaths: string[];
}

/** Returns a copy of `details` with every sensitive value replaced by `[redacted]` (rule above). */
export function redactAuditDetails(details: Record<string, unknown>): Redaction {
  const redactedPaths: string[] = [];
  const safe = redactValue(details, 'details', false, redactedPaths) as Record<string, unknown>;
  return { details: safe, redactedPaths };
}

function redactValue(value: unknown, path: string, sensitive: boolean, redacted: string[]): unknown {
  if (value === null || typeof value === 'boolean' || typeof value === 'number') return value;
  if (sensitive || (typeof value === 'string' && /^bearer\s/i.test(value))) {
    redacted.push(path);
    return redactedPlaceholder;
  }
  if (Array.isArray(value)) return value.map((item, index) => redactValue(item, `${path}[${index}]`, false, redacted));
  if (typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const marksSecret = record.secret === true;
  return Object.fromEntries(
    Object.entries(record).map(([key, item]) => [key, redactValue(item, `${path}.${key}`, isSensitiveKey(key) || (marksSecret && key === 'value'), redacted)]),
  );
}

/** Whether a details key names a secret or a credential (rule 1 above). */
export function isSensitiveKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const last = words[words.length - 1];
  if (last === undefined || descriptorWords.has(last)) return false;
  if (words.some((word) => sensitiveWords.has(word))) return true;
  return sensitivePairs.some(([first, second]) => words.some((word, index) => word === first && words[index + 1] === second));
}
