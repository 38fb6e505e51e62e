import { z } from 'zod';
import { approvalSchema } from '../../core/api/approval';
import { changeSetSchema } from '../../core/api/changeSet';
import { releaseSchema } from '../../core/api/release';
import { meSchema } from '../../core/api/user';
import { versionDiffSchema } from '../../core/api/version';

// The protocol between the approval panel's webview and the extension. Both sides parse every message they
// receive with these schemas, so neither acts on a message of the wrong shape. No vscode import: the webview
// bundle includes this module.

/** Whether the signed-in user may approve or reject now and, when not, the sentence that says why. */
const decisionAvailabilitySchema = z.object({
  allowed: z.boolean(),
  explanation: z.string().nullable(),
});

/** Everything the panel shows about one release, loaded by the extension. */
const approvalViewStateSchema = z.object({
  releaseId: z.string().min(1),
  /** Null while signed out. */
  me: meSchema.nullable(),
  release: releaseSchema.nullable(),
  /** Null when the release needs no approval (or could not be loaded). */
  approval: approvalSchema.nullable(),
  changeSets: z.array(changeSetSchema),
  /** The version the release replaces: the one active in its environment before it (null for the first). */
  replaces: z.string().nullable(),
  /** The DAG-aware diff of the release's version against the version it replaces. */
  diff: versionDiffSchema.nullable(),
  decision: decisionAvailabilitySchema,
  /** What could not be loaded (signed out, unknown release, unreachable server), for the panel to say. */
  problem: z.string().nullable(),
  loadedAt: z.string(),
});

/** The outcome of an Approve / Reject click, as the API answered it. */
const decisionResultSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('recorded'), decision: z.enum(['approve', 'reject']) }),
  z.object({ outcome: z.literal('failed'), code: z.string(), message: z.string() }),
]);

/** Extension → webview. */
export const toWebviewMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('state'), state: approvalViewStateSchema }),
  z.object({ type: z.literal('decisionResult'), result: decisionResultSchema }),
]);

/** Webview → extension. `ready` is the handshake: the extension posts state only after it. */
export const fromWebviewMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({
    type: z.literal('decide'),
    releaseId: z.string().min(1),
    decision: z.enum(['approve', 'reject']),
    comment: z.string().max(2000).optional(),
  }),
  z.object({ type: z.literal('refresh') }),
  z.object({ type: z.literal('showLogs') }),
  /** The webview received a message that failed its schema. */
  z.object({ type: z.literal('rejectedMessage'), reason: z.string().max(4000) }),
]);

/** What the webview keeps with `setState`, so the panel comes back after a reload (and the serializer finds it). */
export const persistedStateSchema = z.object({
  releaseId: z.string().min(1),
  comment: z.string().max(2000).default(''),
});

export type DecisionAvailability = z.infer<typeof decisionAvailabilitySchema>;
export type ApprovalViewState = z.infer<typeof approvalViewStateSchema>;
export type DecisionResult = z.infer<typeof decisionResultSchema>;
export type ToWebviewMessage = z.infer<typeof toWebviewMessageSchema>;
export type FromWebviewMessage = z.infer<typeof fromWebviewMessageSchema>;
export type PersistedState = z.infer<typeof persistedStateSchema>;

/** A one-line account of why a message failed its schema (for logs and the rejection reply). */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(message)'}: ${issue.message}`).join('; ');
}
