import { z } from 'zod';
import { gateChangeSchema } from '../gates/gateChanges';
import { gateResultSchema, gateVerdictSchema } from '../gates/gateResult';
import { environmentNameSchema } from './environmentName';
import { gatewayTypes } from './gateway';
import { pageQuerySchema } from './page';
import { releaseVerificationSchema } from './verification';

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

/**
 * What one activation did on one gateway. Names are planner names on a Marie gateway, `kind/name` on a webhook:
 * `published` were written (registered, or sent in the manifest), `removed` were unregistered.
 */
export const gatewayActivationSchema = z.object({
  version: z.string().nullable(),
  outcome: z.enum(['published', 'failed']),
  published: z.array(z.string()),
  removed: z.array(z.string()),
  /** How the gateway answered, in a sentence. */
  detail: z.string(),
});

/**
 * What a release did on one of its environment's gateways: its version's publication, the artifacts the gateway
 * has no place for (a Marie gateway takes workflows only), and, when the release failed after this gateway may
 * have taken its version, the re-publication of the previous version there.
 */
export const releaseGatewayResultSchema = gatewayActivationSchema.extend({
  url: z.string(),
  type: z.enum(gatewayTypes),
  notSent: z.array(z.string()),
  restore: gatewayActivationSchema.nullable(),
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
  /** Per gateway, once the release has run: what was published and removed where. Empty before it runs. */
  gateways: z.array(releaseGatewayResultSchema),
  /** The verification window opened when it succeeded in an environment that watches metrics (null: none). */
  verification: releaseVerificationSchema.nullable(),
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

/** What one gateway would receive and remove if the release ran (planner names on Marie, `kind/name` on a webhook). */
export const gatewayPlanSchema = z.object({
  url: z.string(),
  type: z.enum(gatewayTypes),
  publish: z.array(z.string()),
  remove: z.array(z.string()),
  notSent: z.array(z.string()),
});

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
  gateways: z.array(gatewayPlanSchema),
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

/**
 * `POST /api/environments/:name/promote`: `from` defaults to the previous environment of the chain; `dryRun: true`
 * answers what a promotion would do, as for `POST /api/releases`.
 */
export const promoteSchema = z.strictObject({
  from: environmentNameSchema.optional(),
  dryRun: z.boolean().optional(),
  override: freezeOverrideSchema.optional(),
});

/** `POST /api/environments/:name/rollback`: `version` defaults to the one active before the current; `dryRun` as for promote. */
export const rollbackSchema = z.strictObject({
  version: z.string().min(1).max(128).optional(),
  reason: z.string().max(1000).optional(),
  dryRun: z.boolean().optional(),
  override: freezeOverrideSchema.optional(),
});

export type Release = z.infer<typeof releaseSchema>;
export type ReleaseApproval = z.infer<typeof releaseApprovalSchema>;
export type InvalidatedApproval = z.infer<typeof invalidatedApprovalSchema>;
export type GatewayActivation = z.infer<typeof gatewayActivationSchema>;
export type ReleaseGatewayResult = z.infer<typeof releaseGatewayResultSchema>;
export type GatewayPlan = z.infer<typeof gatewayPlanSchema>;
export type ReleaseCreate = z.infer<typeof releaseCreateSchema>;
export type FreezeOverrideRequest = z.infer<typeof freezeOverrideSchema>;
export type DryRun = z.infer<typeof dryRunSchema>;
export type GateRecheckAnswer = z.infer<typeof gateRecheckSchema>;
export type PlanEntry = z.infer<typeof planEntrySchema>;
export type ReleaseListQuery = z.infer<typeof releaseListQuerySchema>;
export type PromoteRequest = z.infer<typeof promoteSchema>;
export type RollbackRequest = z.infer<typeof rollbackSchema>;
