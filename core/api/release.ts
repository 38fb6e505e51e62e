import { z } from 'zod';
import { environmentNameSchema } from './environmentName';
import { pageQuerySchema } from './page';

export const releaseKinds = ['deploy', 'promote', 'rollback'] as const;
export const releaseStatuses = ['pending', 'in-progress', 'succeeded', 'failed'] as const;
export const approvalStates = ['not-required', 'waiting', 'approved', 'rejected', 'expired'] as const;

export type ReleaseKind = (typeof releaseKinds)[number];
export type ReleaseStatus = (typeof releaseStatuses)[number];
export type ApprovalStateName = (typeof approvalStates)[number];

/** One gate's verdict as the API reports it. */
export const gateVerdictSchema = z.object({ gate: z.string(), passed: z.boolean(), reason: z.string() });

/** One reviewer decision recorded on a release. */
export const releaseApprovalSchema = z.object({
  user: z.string(),
  decision: z.enum(['approve', 'reject']),
  comment: z.string().nullable(),
  at: z.string(),
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
  gates: z.array(gateVerdictSchema),
  approvals: z.array(releaseApprovalSchema),
});

/** `POST /api/releases`. */
export const releaseCreateSchema = z.strictObject({
  version: z.string().min(1).max(128),
  environment: environmentNameSchema,
  dryRun: z.boolean().optional(),
});

/** An artifact a release would add, change or remove. */
export const planEntrySchema = z.object({ kind: z.string(), name: z.string(), hash: z.string().nullable() });

/** What `dryRun: true` answers: every gate's verdict and the artifact-level plan against what is active. */
export const dryRunSchema = z.object({
  gates: z.array(gateVerdictSchema),
  plan: z.object({
    added: z.array(planEntrySchema),
    changed: z.array(planEntrySchema),
    removed: z.array(planEntrySchema),
  }),
  wouldPass: z.boolean(),
});

/** `GET /api/releases?environment=&status=&limit=&cursor=`. */
export const releaseListQuerySchema = pageQuerySchema.extend({
  environment: environmentNameSchema.optional(),
  status: z.enum(releaseStatuses).optional(),
});

/** `POST /api/environments/:name/promote`: `from` defaults to the previous environment of the chain. */
export const promoteSchema = z.strictObject({ from: environmentNameSchema.optional() });

/** `POST /api/environments/:name/rollback`: `version` defaults to the one active before the current. */
export const rollbackSchema = z.strictObject({
  version: z.string().min(1).max(128).optional(),
  reason: z.string().max(1000).optional(),
});

export type Release = z.infer<typeof releaseSchema>;
export type GateVerdict = z.infer<typeof gateVerdictSchema>;
export type ReleaseCreate = z.infer<typeof releaseCreateSchema>;
export type DryRun = z.infer<typeof dryRunSchema>;
export type PlanEntry = z.infer<typeof planEntrySchema>;
export type ReleaseListQuery = z.infer<typeof releaseListQuerySchema>;
export type PromoteRequest = z.infer<typeof promoteSchema>;
export type RollbackRequest = z.infer<typeof rollbackSchema>;
