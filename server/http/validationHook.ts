import type { z } from 'zod';
import { BadRequestError } from '../errors';

interface ValidationResult {
  success: boolean;
  target: string;
  error?: z.ZodError;
}

/** The one hook every route's zod validation reports through: a refused input becomes a 400 envelope. */
export function validationHook(result: ValidationResult): void {
  if (result.success || !result.error) return;
  // Issues carry paths and messages only: input values may be large or sensitive and are not echoed.
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: issue.code,
    message: issue.message,
  }));
  const first = issues[0];
  const where = first && first.path ? ` at ${result.target}.${first.path}` : ` in ${result.target}`;
  throw new BadRequestError(`invalid request${where}: ${first?.message ?? 'invalid value'}`, { target: result.target, issues }, 'invalid_request');
}
