import { z } from 'zod';
import type { AuditActionName } from '../../core/api/audit';
import type { AuditEventInput } from './auditEvent';

/*
 * The audit contract: every action the product appends, which columns it sets and the details it carries.
 * The compliance reports are built from these details alone, so emitters must send exactly these shapes.
 *
 * Columns: `actor` is the signed-in user's name (`system` for the service's own work, e.g. expiry sweeps);
 * `environment`, `version` (the tag) and `releaseId` are set whenever the event concerns them; `outcome` is
 * noted per action below. Details never carry a secret value or a token (see auditRedaction.ts).
 */

const bumpSchema = z.enum(['none', 'patch', 'minor', 'major']);
const gateVerdictSchema = z.object({ gate: z.string(), passed: z.boolean(), reason: z.string() });
const artifactRefSchema = z.object({ kind: z.string(), name: z.string(), hash: z.string() });
const releaseKindSchema = z.enum(['deploy', 'promote', 'rollback']);

/** `version.created` — version = tag, outcome `valid` | `invalid`. Who created it, when, which commits. */
export const versionCreatedDetails = z.object({
  commit: z.string(),
  message: z.string().nullable(),
  changeSets: z.array(z.object({ id: z.string(), name: z.string() })),
  pullRequests: z.array(z.object({ number: z.number(), title: z.string(), author: z.string() })),
  /** Every artifact change against the previous version, as the DAG diff reports it. */
  changes: z.array(z.object({ kind: z.string(), name: z.string(), path: z.string(), change: z.string(), bump: bumpSchema })),
  inferredBump: bumpSchema,
  declaredBump: bumpSchema.nullable(),
  previousVersion: z.string().nullable(),
  artifactCount: z.number(),
});

/** `changeset.created` — no environment or version. */
export const changeSetCreatedDetails = z.object({
  changeSetId: z.string(),
  name: z.string(),
  pullRequests: z.array(z.number()),
  artifacts: z.array(z.string()),
});

/** `check.reported` — version = tag, outcome = the check's status (`success` | `failure`). */
export const checkReportedDetails = z.object({ name: z.string(), summary: z.string().nullable(), url: z.string().nullable() });

/**
 * `evaluation.reported` — version = tag, environment = the one it ran against (null for an offline run),
 * outcome `reported`. The metrics as reported and the content hash of the version they judged.
 */
export const evaluationReportedDetails = z.object({
  suite: z.string(),
  metrics: z.record(z.string(), z.number()),
  dataset: z.string().nullable(),
  summary: z.string().nullable(),
  url: z.string().nullable(),
  contentHash: z.string(),
});

/**
 * `release.requested` — environment, version, releaseId; outcome `accepted` (pending or waiting for approval)
 * or `refused` (a gate failed; the release is not stored, releaseId is null). Dry runs are not audited.
 */
export const releaseRequestedDetails = z.object({
  kind: releaseKindSchema,
  gates: z.array(gateVerdictSchema),
  approval: z.enum(['not-required', 'waiting', 'approved', 'rejected', 'expired']),
  /** Set when an admin overrode a freeze; the reason is mandatory. */
  breakGlass: z.object({ reason: z.string() }).nullable(),
});

/** `freeze.overridden` — environment, version, releaseId: an admin's break-glass deploy during a freeze. */
export const freezeOverriddenDetails = z.object({
  reason: z.string(),
  window: z.object({ kind: z.string(), reason: z.string(), timeZone: z.string() }).loose(),
});

/** `approval.requested` — environment, version, releaseId: the release now waits for reviewers. */
export const approvalRequestedDetails = z.object({
  reviewers: z.array(z.string()),
  required: z.number(),
  timeoutMinutes: z.number(),
  deadline: z.string(),
});

/**
 * `approval.granted` / `approval.denied` — actor = the reviewer; environment, version, releaseId; outcome =
 * the approval state after the decision (`waiting` | `approved` | `rejected`). `count` is the number of
 * approvals counted after this decision; `contentHash` and `gates` are what it was given on.
 */
export const approvalDecisionDetails = z.object({
  comment: z.string().nullable(),
  required: z.number(),
  count: z.number(),
  contentHash: z.string().nullable(),
  gates: z.array(gateVerdictSchema).nullable(),
});

/**
 * `approval.invalidated` — actor `system`; environment, version, releaseId; outcome = what the release does now
 * (`waiting` for approvals again, or `failed`, as its policy's `onGateChange` says). Appended when a gate verdict
 * changed between the approvals and the start of the deploy: the reason, the changed gates, and the decisions
 * that no longer count.
 */
export const approvalInvalidatedDetails = z.object({
  reason: z.string(),
  changes: z.array(z.object({ gate: z.string(), before: z.string().nullable(), after: z.string() })),
  contentHash: z.string(),
  onGateChange: z.enum(['reapprove', 'fail']),
  invalidated: z.array(z.object({ user: z.string(), decision: z.enum(['approve', 'reject']), at: z.string(), contentHash: z.string().nullable() })),
});

/** `approval.expired` — actor `system`; environment, version, releaseId; outcome `expired`. */
export const approvalExpiredDetails = z.object({ required: z.number(), count: z.number(), deadline: z.string() });

/** `deployment.started` — actor = the requester; environment, version, releaseId; outcome `in-progress`. */
export const deploymentStartedDetails = z.object({
  kind: releaseKindSchema,
  previousVersion: z.string().nullable(),
  artifactCount: z.number(),
});

/**
 * `deployment.completed` — actor = the requester; environment, version, releaseId; outcome `succeeded` |
 * `failed`. Emitted for every release kind, so deployment history covers deploys, promotions and rollbacks.
 */
export const deploymentCompletedDetails = z.object({
  kind: releaseKindSchema,
  durationMs: z.number(),
  artifacts: z.array(artifactRefSchema),
  previousVersion: z.string().nullable(),
  error: z.string().optional(),
});

/**
 * `rollback.executed` — actor = who triggered it; environment, version = the restored version, releaseId;
 * outcome `succeeded` | `failed`. Appended next to the rollback's `deployment.completed`.
 */
export const rollbackExecutedDetails = z.object({
  reason: z.string().nullable(),
  restoredVersion: z.string(),
  fromVersion: z.string().nullable(),
});

/**
 * `access` — the reads of a production environment's resources by one user in one window (default 15 minutes);
 * environment set; outcome = HTTP status of the reads counted (`200`). Appended once the window has closed: how
 * many reads, the first and the last, and each path read with its count (the most read first, at most 50;
 * `morePaths` counts the others). Events written before windows existed carry one read's `method` and `path`.
 */
export const accessDetails = z.object({
  window: z.object({ start: z.string(), end: z.string() }),
  reads: z.number(),
  firstAt: z.string(),
  lastAt: z.string(),
  paths: z.array(z.object({ method: z.string(), path: z.string(), reads: z.number() })),
  morePaths: z.number(),
});

/** `user.created` / `user.updated` — no environment. */
export const userChangedDetails = z.object({
  userId: z.string(),
  name: z.string(),
  role: z.string(),
  previousRole: z.string().nullable(),
  /** On `user.updated`, when the change disabled (true) or enabled (false) the user. */
  disabled: z.boolean().optional(),
});

/**
 * `token.created` / `token.revoked` — the token's id and name only, never its value or hash; `recoveredBy`
 * (`user@host`) on a token made from the data directory by `forge-release admin token`.
 */
export const tokenChangedDetails = z.object({ userId: z.string(), tokenId: z.string(), name: z.string(), recoveredBy: z.string().optional() });

/** `environment.updated` — environment set; which configuration fields changed. */
export const environmentUpdatedDetails = z.object({ created: z.boolean(), fields: z.array(z.string()) });

/** `variable.updated` / `variable.deleted` / `secret.updated` / `secret.deleted` — environment set; never the value. */
export const variableChangedDetails = z.object({ key: z.string(), secret: z.boolean() });

/**
 * `gateway.reconciled` — actor = who asked (`system` for the background reconciler); environment, version = the
 * active version re-published (null when nothing is active), releaseId = the release that made it active; outcome
 * `success` | `failure`. Appended whenever drifted gateways were written to, with what each was sent.
 */
export const gatewayReconciledDetails = z.object({
  trigger: z.enum(['startup', 'interval', 'release', 'request']),
  gateways: z.array(
    z.object({
      url: z.string(),
      type: z.enum(['marie', 'webhook']),
      outcome: z.enum(['published', 'failed']),
      published: z.array(z.string()),
      removed: z.array(z.string()),
      detail: z.string(),
    }),
  ),
});

/**
 * `verification.completed` — actor `system`; environment, version, releaseId = the verified release; outcome
 * `passed` | `failed` | `inconclusive`. `breach` is the check that failed the window; `rollbackReleaseId` the
 * automatic rollback it started (with `onFailure: "rollback"` and a version to restore).
 */
export const verificationCompletedDetails = z.object({
  onFailure: z.enum(['rollback', 'alert']),
  checks: z.number(),
  breach: z.object({ metric: z.string(), value: z.number().nullable(), bound: z.string(), series: z.string().nullable() }).nullable(),
  reason: z.string(),
  rollbackReleaseId: z.string().nullable(),
});

/** Each action and the shape of its details. */
export const auditDetailsSchemas = {
  'version.created': versionCreatedDetails,
  'changeset.created': changeSetCreatedDetails,
  'check.reported': checkReportedDetails,
  'evaluation.reported': evaluationReportedDetails,
  'release.requested': releaseRequestedDetails,
  'freeze.overridden': freezeOverriddenDetails,
  'approval.requested': approvalRequestedDetails,
  'approval.granted': approvalDecisionDetails,
  'approval.denied': approvalDecisionDetails,
  'approval.expired': approvalExpiredDetails,
  'approval.invalidated': approvalInvalidatedDetails,
  'deployment.started': deploymentStartedDetails,
  'deployment.completed': deploymentCompletedDetails,
  'rollback.executed': rollbackExecutedDetails,
  access: accessDetails,
  'user.created': userChangedDetails,
  'user.updated': userChangedDetails,
  'token.created': tokenChangedDetails,
  'token.revoked': tokenChangedDetails,
  'environment.updated': environmentUpdatedDetails,
  'variable.updated': variableChangedDetails,
  'variable.deleted': variableChangedDetails,
  'secret.updated': variableChangedDetails,
  'secret.deleted': variableChangedDetails,
  'gateway.reconciled': gatewayReconciledDetails,
  'verification.completed': verificationCompletedDetails,
} as const satisfies Record<AuditActionName, z.ZodType>;

export type AuditAction = keyof typeof auditDetailsSchemas;

export type AuditDetails<Action extends AuditAction> = z.infer<(typeof auditDetailsSchemas)[Action]>;

/** An audit event input whose details are checked against the contract at compile time. */
export type TypedAuditEventInput<Action extends AuditAction> = Omit<AuditEventInput, 'action' | 'details'> & {
  action: Action;
  details: AuditDetails<Action>;
};

/** Builds an `AuditEventInput` for `appendAuditEvent` from a contract-checked one. */
export function auditEventInput<Action extends AuditAction>(input: TypedAuditEventInput<Action>): AuditEventInput {
  return input;
}
