import { z } from 'zod';
import { meSchema } from '../../core/api/user';

// The Audit Log panel's state as the extension builds it, checked in full before it is posted. The webview
// imports only the types of this module; it checks the envelope with messages.ts.

const filtersSchema = z.object({
  action: z.string().nullable(),
  environment: z.string().nullable(),
  actor: z.string().nullable(),
  releaseId: z.string().nullable(),
  period: z.enum(['day', 'week', 'month', 'quarter', 'all']),
});

/** One event as a row: its columns, and the reason, comment or error it carries. */
const auditRowSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  environment: z.string().nullable(),
  version: z.string().nullable(),
  releaseId: z.string().nullable(),
  outcome: z.string().nullable(),
  note: z.string().nullable(),
});

export const auditStateSchema = z.object({
  me: meSchema.nullable(),
  filters: filtersSchema,
  /** Choices of the environment and actor filters. */
  environments: z.array(z.string()),
  actors: z.array(z.string()),
  /** The hash chain's verdict over the whole log (null when it could not be checked). */
  chain: z.object({ ok: z.boolean(), count: z.number().int(), brokenAt: z.object({ seq: z.number().int(), reason: z.string() }).nullable() }).nullable(),
  /** Newest first. */
  events: z.array(auditRowSchema),
  /** More events match than the panel loaded (the oldest ones are shown): narrow the filters. */
  truncated: z.boolean(),
  problem: z.string().nullable(),
  loadedAt: z.string(),
});

export const auditToWebviewSchema = z.object({ type: z.literal('state'), state: auditStateSchema });

export type AuditRow = z.infer<typeof auditRowSchema>;
export type AuditState = z.infer<typeof auditStateSchema>;
export type AuditToWebview = z.infer<typeof auditToWebviewSchema>;
