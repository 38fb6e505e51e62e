import { z } from 'zod';
import { evaluationVerdictSchema } from './evaluationVerdict';

/** The quality gates of PRODUCT.md §6. */
export const gateNames = ['validation', 'promotion-order', 'required-checks', 'semver-policy', 'freeze', 'approvals', 'evaluation'] as const;

export type GateName = (typeof gateNames)[number];

/**
 * One gate's verdict on a release, with the reason a person reads in the 422 response or the dry run. The one
 * verdict type of the product: pure gates return it, server gates return it, releases and the API carry it.
 * `awaitsApproval` marks a verdict that does not refuse the release but holds it `pending` (approval `waiting`)
 * until reviewers decide; `overridden` marks a freeze an admin's break-glass let through; `evaluation` is the
 * `evaluation` gate's table of metrics.
 */
export const gateResultSchema = z.object({
  gate: z.enum(gateNames),
  passed: z.boolean(),
  reason: z.string(),
  awaitsApproval: z.boolean().optional(),
  overridden: z.boolean().optional(),
  evaluation: evaluationVerdictSchema.optional(),
});

export type GateResult = z.infer<typeof gateResultSchema>;

/** A verdict without its details, as approvals and audit events record it. */
export const gateVerdictSchema = gateResultSchema.pick({ gate: true, passed: true, reason: true });

export type GateVerdict = z.infer<typeof gateVerdictSchema>;

/** The gate, whether it passed and why, without the rest of a verdict. */
export function verdictOf({ gate, passed, reason }: GateVerdict): GateVerdict {
  return { gate, passed, reason };
}
