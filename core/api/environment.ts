import { z } from 'zod';
import { roles } from '../access/roles';
import { tiers } from '../access/roleMatrix';
import { approvalPolicySchema } from '../approvals/approvalPolicy';
import { evaluationGateConfigSchema } from '../gates/evaluationGate';
import { freezeWindowSchema } from '../gates/freezeWindows';
import { gatewayEntrySchema, gatewayListSchema, reconcileModes } from './gateway';
import { environmentSyncSchema } from './gatewaySync';
import { releaseSchema } from './release';
import { verificationConfigSchema } from './verification';

const checkNameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a check name such as "smoke-tests"');

/** Which quality gates run for an environment (PRODUCT.md §6); an absent or false gate does not run. */
export const gatesConfigSchema = z.strictObject({
  validation: z.boolean().optional(),
  'promotion-order': z.boolean().optional(),
  'required-checks': z.array(checkNameSchema).max(50).optional(),
  'semver-policy': z.boolean().optional(),
  freeze: z.boolean().optional(),
  approvals: z.boolean().optional(),
  /** The evaluation suites whose latest results must be within bounds (absolute, and against the active version). */
  evaluation: evaluationGateConfigSchema.optional(),
});

const labelSchema = z.string().max(200);
const databaseUrlSchema = z
  .string()
  .max(2000)
  .regex(
    /^(file:|libsql:\/\/|https?:\/\/|wss?:\/\/|postgres(ql)?:\/\/|:memory:$)/,
    'a libSQL URL (file:, libsql://, http(s)://, ws(s)://) or a PostgreSQL URL (postgres://…?schema=…)',
  );

/** An environment as the API returns it (PRODUCT.md §11 "Resource shapes"). */
export const environmentSchema = z.object({
  name: z.string(),
  tier: z.enum(tiers),
  order: z.number().int(),
  purpose: z.string(),
  stability: z.string(),
  dataClass: z.string(),
  activeVersion: z.string().nullable(),
  lastRelease: releaseSchema.nullable(),
  pendingApprovals: z.number().int(),
  /** As configured: URL strings (webhooks) and typed gateways; variables are named, never their values. */
  gateways: z.array(gatewayEntrySchema),
  /** Whether the background reconciler heals drift (`auto`) or only reports it (`report`). */
  reconcile: z.enum(reconcileModes),
  /** Whether the gateways serve the active version, as last checked. */
  sync: environmentSyncSchema,
  gates: gatesConfigSchema,
  approvalPolicy: approvalPolicySchema.nullable(),
  freezeWindows: z.array(freezeWindowSchema),
  deployRole: z.enum(roles),
  /** The environment's own database, without credentials. */
  databaseUrl: z.string(),
  /** What is watched after each succeeded deploy or promotion (null: nothing). */
  verification: verificationConfigSchema.nullable(),
  updatedAt: z.string(),
});

/** `PUT /api/environments/:name`: a partial body merged into the environment, which is created if absent. */
export const environmentUpdateSchema = z.strictObject({
  tier: z.enum(tiers).optional(),
  order: z.number().int().min(0).max(1000).optional(),
  purpose: labelSchema.optional(),
  stability: labelSchema.optional(),
  dataClass: labelSchema.optional(),
  gateways: gatewayListSchema.optional(),
  reconcile: z.enum(reconcileModes).optional(),
  gates: gatesConfigSchema.optional(),
  approvalPolicy: approvalPolicySchema.nullable().optional(),
  freezeWindows: z.array(freezeWindowSchema).max(100).optional(),
  deployRole: z.enum(roles).optional(),
  /** Only when the environment is created: its database cannot move under an active version. */
  databaseUrl: databaseUrlSchema.optional(),
  /** The verification window after each succeeded deploy or promotion; null removes it. */
  verification: verificationConfigSchema.nullable().optional(),
});

export type GatesConfig = z.infer<typeof gatesConfigSchema>;
export type Environment = z.infer<typeof environmentSchema>;
export type EnvironmentUpdate = z.infer<typeof environmentUpdateSchema>;
