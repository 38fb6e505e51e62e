import type { z } from 'zod';
import { BadRequestError } from '../errors';

interface ValidationResult {
  success: boolean;
  target: string;
  error?: z.ZodError;
}

// The facts of an issue that say what would be accepted (bounds, expected type, allowed choices), so a client can
// word the refusal in its own terms. None of them is the refused input itself.
const acceptanceFacts = ['origin', 'minimum', 'maximum', 'inclusive', 'expected', 'format', 'values'] as const;

/** The one hook every route's zod validation reports through: a refused input becomes a 400 envelope. */
export function validationHook(result: ValidationResult): void {
  if (result.success || !result.error) return;
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
