import { z } from 'zod';
import { gateChangeSchema } from '../gates/gateChanges';
import { gateResultSchema, gateVerdictSchema } from '../gates/gateResult';
import { environmentNameSchema } from './environmentName';
import { pageQuerySchema } from './page';

export const releaseKinds = ['deploy', 'promote', 'rollback'] as const;
export const releaseStatuses = ['pending', 'in-progress', 'succeeded', 'failed'] as const;
export const approvalStates = ['not-required', 'waiting', 'approved', 'rejected', 'expired'] as const;

export type ReleaseKind = (typeof releaseKinds)[number];
export type ReleaseStatus = (typeof releaseStatuses)[number];
export type ApprovalStateName = (typeof approvalStates)[number];

/**
 * One reviewer decision recorded on a release, bound to what it was given on: the version's content hash and
 * the gate verdicts at that moment (null for decisions recorded before decisions kept them).
 */
export const releaseApprovalSchema = z.object({
  user: z.string(),
  decision: z.enum(['approve', 'reject']),
  comment: z.string().nullable(),
  at: z.string(),
  contentHash: z.string().nullable(),
  gates: z.array(gateVerdictSchema).nullable(),
});

/** A decision that no longer counts: a gate verdict changed before the release started deploying. */
export const invalidatedApprovalSchema = releaseApprovalSchema.extend({
  invalidatedAt: z.string(),
  reason: z.string(),
});

/** A release: one version deployed to one environment (PRODUCT.md §11 "Resource shapes"). */
export const releaseSchema = z.object({
  id: z.string(),
  version: z.string(),
  environment: z.string(),
  kind: z.enum(releaseKinds),
  status: z.enum(releaseStatuses),
  approval: z.enum(approvalStates),
  reason: z.string().nullable(),
  previousVersion: z.string().nullable(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  gates: z.array(gateResultSchema),
  approvals: z.array(releaseApprovalSchema),
  /** Decisions invalidated because a gate verdict changed after them, oldest first. */
  invalidatedApprovals: z.array(invalidatedApprovalSchema),
});

/**
 * An admin's break-glass override of a deploy freeze (PRODUCT.md §6 `freeze`): only admins may send it (403
 * otherwise), the reason is mandatory, and it is audited as `freeze.overridden`. It lifts no other gate.
 */
export const freezeOverrideSchema = z.strictObject({
  reason: z.string().trim().min(1, 'say why the freeze is overridden').max(1000),
});

/** `POST /api/releases`. */
export const releaseCreateSchema = z.strictObject({
  version: z.string().min(1).max(128),
  environment: environmentNameSchema,
  dryRun: z.boolean().optional(),
  override: freezeOverrideSchema.optional(),
});

/** An artifact a release would add, change or remove. */
export const planEntrySchema = z.object({ kind: z.string(), name: z.string(), hash: z.string().nullable() });

/**
 * What `dryRun: true` answers: every gate's verdict and the artifact-level plan against what is active.
 * `wouldPass` is true when no gate would refuse the release (a 202 rather than a 422); `needsApproval` is true
 * when it would then wait for reviewers (the approvals gate's verdict has `awaitsApproval`).
 */
export const dryRunSchema = z.object({
  gates: z.array(gateResultSchema),
  plan: z.object({
    added: z.array(planEntrySchema),
    changed: z.array(planEntrySchema),
    removed: z.array(planEntrySchema),
  }),
  wouldPass: z.boolean(),
  needsApproval: z.boolean(),
});

/**
 * `GET /api/releases/:id/gates`: a pending release's gates evaluated again now (all but `approvals` and
 * `freeze`), the version's content hash, and the gates that no longer pass although they did when it was
 * requested. While `changes` is not empty an approval is refused, and an approved release is not deployed.
 */
export const gateRecheckSchema = z.object({
  releaseId: z.string(),
  checkedAt: z.string(),
  contentHash: z.string(),
  gates: z.array(gateResultSchema),
  changes: z.array(gateChangeSchema),
});

/** `GET /api/releases?environment=&status=&limit=&cursor=`. */
export const releaseListQuerySchema = pageQuerySchema.extend({
  environment: environmentNameSchema.optional(),
  status: z.enum(releaseStatuses).optional(),
});

/** `POST /api/environments/:name/promote`: `from` defaults to the previous environment of the chain. */
export const promoteSchema = z.strictObject({ from: environmentNameSchema.optional(), override: freezeOverrideSchema.optional() });

/** `POST /api/environments/:name/rollback`: `version` defaults to the one active before the current. */
export const rollbackSchema = z.strictObject({
  version: z.string().min(1).max(128).optional(),
  reason: z.string().max(1000).optional(),
  override: freezeOverrideSchema.optional(),
});

export type Release = z.infer<typeof releaseSchema>;
export type ReleaseApproval = z.infer<typeof releaseApprovalSchema>;
export type InvalidatedApproval = z.infer<typeof invalidatedApprovalSchema>;
export type ReleaseCreate = z.infer<typeof releaseCreateSchema>;
export type FreezeOverrideRequest = z.infer<typeof freezeOverrideSchema>;
export type DryRun = z.infer<typeof dryRunSchema>;
export type GateRecheckAnswer = z.infer<typeof gateRecheckSchema>;
export type PlanEntry = z.infer<typeof planEntrySchema>;
export type ReleaseListQuery = z.infer<typeof releaseListQuerySchema>;
export type PromoteRequest = z.infer<typeof promoteSchema>;
export type RollbackRequest = z.infer<typeof rollbackSchema>;
