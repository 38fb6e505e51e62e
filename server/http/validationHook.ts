import type { z } from 'zod';
import { BadRequestError } from '../errors';
import { UnstorableTextError } from '../store/constraintErrors';

interface ValidationResult {
  success: boolean;
  target: string;
  data?: unknown;
  error?: z.ZodError;
}

// The facts of an issue that say what would be accepted (bounds, expected type, allowed choices), so a client can
// word the refusal in its own terms. None of them is the refused input itself.
const acceptanceFacts = ['origin', 'minimum', 'maximum', 'inclusive', 'expected', 'format', 'values'] as const;

/**
 * The one hook every route's zod validation reports through: a refused input becomes a 400 envelope, and so does a
 * valid one holding a NUL character in any text (value or key), named by its path: PostgreSQL cannot store one and
 * SQLite would cut the text at it, so it is refused on both engines before anything is written.
 */
export function validationHook(result: ValidationResult): void {
  if (result.success) {
    const found = nulPath(result.data, []);
    if (found === null) return;
    // The path names the field without repeating the character (a key may hold it too).
    const path = found.map((segment) => segment.replaceAll('\u0000', '\\u0000'));
    const where = `${result.target}${path.length > 0 ? `.${path.join('.')}` : ''}`;
    const issue = { path: path.join('.'), code: 'invalid_text', message: new UnstorableTextError().message };
    throw new BadRequestError(`invalid text at ${where}: ${issue.message}`, { target: result.target, issues: [issue] }, 'invalid_text');
  }
  if (!result.error) return;
  // Issues carry paths, messages and what would be accepted only: input values may be large or sensitive and are not echoed.
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: issue.code,
    message: issue.message,
    ...acceptanceOf(issue),
  }));
  const first = issues[0];
  const where = first && first.path ? ` at ${result.target}.${first.path}` : ` in ${result.target}`;
  throw new BadRequestError(`invalid request${where}: ${first?.message ?? 'invalid value'}`, { target: result.target, issues }, 'invalid_request');
}

function acceptanceOf(issue: z.core.$ZodIssue): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const key of acceptanceFacts) {
    const value = (issue as unknown as Record<string, unknown>)[key];
    if (value === undefined) continue;
    // Bounds of bigint schemas are bigints, which JSON cannot carry.
    facts[key] = typeof value === 'bigint' ? Number(value) : value;
  }
  return facts;
}

/** The path of the first text holding U+0000 in a validated value (a key counts as its own path), or null. */
function nulPath(value: unknown, path: string[]): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    const at = [...path, key];
    if (key.includes('\u0000')) return at;
    const found = nulPath(item, at);
    if (found) return found;
  }
  return null;
}
