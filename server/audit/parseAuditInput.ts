import type { z } from 'zod';
import { validationHook } from '../http/validationHook';

/**
 * Parses raw query-string values for the audit query or a report, so callers other than a validated route (the
 * CLI's local mode, tests) get the same 400 `invalid_request` as the HTTP API.
 */
export function parseAuditInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.infer<Schema> {
  const parsed = schema.safeParse(input);
  validationHook({ success: parsed.success, target: 'query', error: parsed.error });
  return parsed.data as z.infer<Schema>;
}
