import { z } from 'zod';
import { approvalSchema } from '../../core/api/approval';
import { changeSetSchema } from '../../core/api/changeSet';
import { releaseSchema } from '../../core/api/release';
import { meSchema } from '../../core/api/user';
import { gateChangeSchema } from '../../core/gates/gateChanges';
import { evaluationVerdictSchema } from '../../core/gates/evaluationVerdict';
import { versionChangeSchema } from '../../core/api/version';
import { auditRowSchema } from '../audit/protocol';

// The release details panel's state as the extension builds it, checked in full before it is posted. The
// webview imports only the types of this module (its bundle carries no full zod); it checks the envelope with
// messages.ts.

/**
 * Whether the signed-in user may approve or reject now and, when not, the sentence that says why; `approveBlocked`
 * says why only Approve is refused (a gate no longer passes: a rejection is still taken).
 */
const decisionAvailabilitySchema = z.object({
  allowed: z.boolean(),
  explanation: z.string().nullable(),
  approveBlocked: z.string().nullable(),
});

/** One step of a release's life: requested → gates → approvals → deploying → gateways → active. */
const timelineStepSchema = z.object({
  id: z.enum(['requested', 'gates', 'approvals', 'deploying', 'gateways', 'active']),
  title: z.string(),
  state: z.enum(['done', 'current', 'failed', 'skipped', 'upcoming']),
  at: z.string().nullable(),
  detail: z.string().nullable(),
});

/** A gate's verdict as shown now: the approvals gate follows the approval process, not the verdict at request time. */
const gateViewSchema = z.object({
  gate: z.string(),
  verdict: z.enum(['passed', 'failed', 'waiting', 'overridden']),
  reason: z.string(),
});

/** A piece of a word-level diff of a changed text. */
const wordSegmentSchema = z.object({ text: z.string(), op: z.enum(['same', 'added', 'removed', 'elided']) });

const changeViewSchema = versionChangeSchema.omit({ before: true, after: true }).extend({ words: z.array(wordSegmentSchema).nullable() });

const diffViewSchema = z.object({
  version: z.string(),
  against: z.string().nullable(),
  inferredBump: z.enum(['none', 'patch', 'minor', 'major']),
  changes: z.array(changeViewSchema),
});

/** Everything the panel shows about one release, loaded by the extension. */
export const releaseDetailsStateSchema = z.object({
  releaseId: z.string().min(1),
  /** Null while signed out. */
  me: meSchema.nullable(),
  release: releaseSchema.nullable(),
  /** The environment's tier and what runs there now (null when it could not be read). */
  environment: z.object({ name: z.string(), tier: z.string(), activeVersion: z.string().nullable(), gateways: z.number().int() }).nullable(),
  /** Null when the release needs no approval (or could not be loaded). */
  approval: approvalSchema.nullable(),
  /** The version the release replaces: the one active in its environment before it (null for the first). */
  replaces: z.string().nullable(),
  timeline: z.array(timelineStepSchema),
  gates: z.array(gateViewSchema),
  /** The evaluation gate's table: for a pending release as it stands now, otherwise as it was when the release was requested. */
  evaluation: evaluationVerdictSchema.nullable(),
  /** For a pending release: when its gates were checked again, and those that no longer pass although they did when it was requested. */
  recheck: z.object({ checkedAt: z.string(), changes: z.array(gateChangeSchema) }).nullable(),
  /** The DAG-aware diff of the release's version against the version it replaces, with word-level text diffs. */
  diff: diffViewSchema.nullable(),
  changeSets: z.array(changeSetSchema),
  /** The release's audit events, oldest first, or why they cannot be shown. */
  audit: z.object({ events: z.array(auditRowSchema), unavailable: z.string().nullable() }),
  decision: decisionAvailabilitySchema,
  /** Offered when this release's version ran successfully and the environment runs another one now. */
  rollbackTo: z.object({ environment: z.string(), version: z.string() }).nullable(),
  /** What could not be loaded (signed out, unknown release, unreachable server), for the panel to say. */
  problem: z.string().nullable(),
  loadedAt: z.string(),
});

/** The outcome of an Approve / Reject click, as the API answered it (or the user's cancel of a confirmation). */
const decisionResultSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('recorded'), decision: z.enum(['approve', 'reject']) }),
  z.object({ outcome: z.literal('cancelled') }),
  z.object({ outcome: z.literal('failed'), code: z.string(), message: z.string() }),
]);

/** Extension → webview. */
export const releaseToWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('state'), state: releaseDetailsStateSchema }),
  z.object({ type: z.literal('decisionResult'), result: decisionResultSchema }),
]);

export type DecisionAvailability = z.infer<typeof decisionAvailabilitySchema>;
export type TimelineStep = z.infer<typeof timelineStepSchema>;
export type GateView = z.infer<typeof gateViewSchema>;
export type WordSegment = z.infer<typeof wordSegmentSchema>;
export type DiffView = z.infer<typeof diffViewSchema>;
export type ReleaseDetailsState = z.infer<typeof releaseDetailsStateSchema>;
export type DecisionResult = z.infer<typeof decisionResultSchema>;
export type ReleaseToWebview = z.infer<typeof releaseToWebviewSchema>;
