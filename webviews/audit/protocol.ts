import { z } from 'zod';
import { auditEventSchema } from '../../core/api/audit';
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

/** One event as a row: its columns (without the hashes and the raw details), and the reason, comment or error it carries. */
export const auditRowSchema = auditEventSchema
  .pick({ id: true, seq: true, at: true, actor: true, action: true, environment: true, version: true, releaseId: true, outcome: true })
  .extend({ note: z.string().nullable() });

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
