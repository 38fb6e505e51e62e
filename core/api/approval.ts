import { z } from 'zod';
import { approvalPolicySchema } from '../approvals/approvalPolicy';
import { approvalProcessStates } from '../approvals/decideApproval';
import { environmentNameSchema } from './environmentName';
import { pageQuerySchema } from './page';
import { releaseSchema } from './release';

/** `POST /api/releases/:id/approvals`: one reviewer's decision, with an optional comment. */
export const approvalDecisionRequestSchema = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().trim().max(2000).optional(),
});

/**
 * A release's approval process as reviewers see it: the policy it was requested under, progress (`approvals`
 * of `required`), when it expires, every decision (in `release.approvals`), and whether the asking user may
 * decide now (`canDecide`; `refusal` names why not: `self_approval`, `not_reviewer`, `already_decided`,
 * `approval_closed`).
 */
export const approvalSchema = z.object({
  releaseId: z.string(),
  environment: z.string(),
  version: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  state: z.enum(approvalProcessStates),
  approvals: z.number().int(),
  required: z.number().int(),
  policy: approvalPolicySchema,
  expiresAt: z.string(),
  canDecide: z.boolean(),
  refusal: z.enum(['self_approval', 'not_reviewer', 'already_decided', 'approval_closed']).nullable(),
  release: releaseSchema,
});

/** `GET /api/approvals?status=waiting&environment=&limit=&cursor=`: approval processes, newest first. */
export const approvalListQuerySchema = pageQuerySchema.extend({
  status: z.enum(approvalProcessStates).default('waiting'),
  environment: environmentNameSchema.optional(),
});

export type ApprovalDecisionRequest = z.infer<typeof approvalDecisionRequestSchema>;
export type Approval = z.infer<typeof approvalSchema>;
export type ApprovalListQuery = z.infer<typeof approvalListQuerySchema>;
