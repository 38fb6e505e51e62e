/**
 * A refused value as zod describes it, locally or in a 400's `details.issues`: its code and message, plus what
 * would have been accepted (bounds, expected type, choices) when zod knows it.
 */
export interface RefusalIssue {
  code: string;
  message: string;
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  inclusive?: unknown;
  expected?: unknown;
  format?: unknown;
  values?: unknown;
}

const formatNames: Record<string, string> = {
  url: 'a URL',
  email: 'an e-mail address',
  datetime: 'a date-time such as 2024-03-01T12:00:00Z',
  date: 'a date such as 2024-03-01',
  uuid: 'a UUID',
};

/**
 * What is wrong with a value, in words that follow its name: `must be at most 1000`, `must not be empty`,
 * `must be a date (2024-03-01) …`. zod's default messages are never shown; the schema's own messages are,
 * since they are written for people (`a date (2024-03-01) or a date-time (…)`, `start must not be after end`).
 */
export function wordIssue(issue: RefusalIssue): string {
  const measure = typeof issue.origin === 'string' ? issue.origin : undefined;
  switch (issue.code) {
    case 'too_big':
      return typeof issue.maximum === 'number' ? bounded(issue.inclusive === false ? 'less than' : 'at most', issue.maximum, measure) : 'is too large';
    case 'too_small':
      if (issue.minimum === 1 && measure !== 'number' && measure !== 'bigint') return 'must not be empty';
      return typeof issue.minimum === 'number' ? bounded(issue.inclusive === false ? 'more than' : 'at least', issue.minimum, measure) : 'is too small';
    case 'invalid_type':
      return typeof issue.expected === 'string' ? `must be ${article(issue.expected)} ${issue.expected}` : 'has the wrong type';
    case 'invalid_value':
      return Array.isArray(issue.values) ? `must be one of ${issue.values.map(String).join(', ')}` : 'is not an accepted value';
    case 'invalid_format':
      // A pattern's message is the schema's own ("a user name of letters, digits …"); a named format is ours to word.
      if (issue.format !== 'regex' && typeof issue.format === 'string') return `must be ${formatNames[issue.format] ?? `a valid ${issue.format}`}`;
      return schemaMessage(issue.message);
    case 'unrecognized_keys':
      return 'has fields the service does not accept';
    default:
      return schemaMessage(issue.message);
  }
}

/** `--start must be a date …`, `--end: start must not be after end`: a name and the wording of what is wrong with it. */
export function refusalLine(name: string, wording: string): string {
  return /^(must|is|has) /.test(wording) ? `${name} ${wording}` : `${name}: ${wording}`;
}

// The schemas' messages name what is expected ("a date (2024-03-01) …") or say what is wrong in a sentence.
function schemaMessage(message: string): string {
  return /^(a|an|one of) /i.test(message) ? `must be ${message}` : message;
}

function bounded(limit: string, bound: number, measure: string | undefined): string {
  if (measure === 'string') return `must be ${limit} ${bound} character${bound === 1 ? '' : 's'} long`;
  if (measure === 'array' || measure === 'set') return `must have ${limit} ${bound} item${bound === 1 ? '' : 's'}`;
  return `must be ${limit} ${bound}`;
}

function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? 'an' : 'a';
}
