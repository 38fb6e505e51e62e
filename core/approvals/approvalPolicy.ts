import { z } from 'zod';
import { roles, type Role } from '../access/roles';

const reviewerPattern = new RegExp(`^(role:(${roles.join('|')})|user:\\S+)$`);

/** One designated reviewer: every user holding a role (`role:maintainer`) or one user by id (`user:42`). */
export const reviewerSchema = z.string().regex(reviewerPattern, `a reviewer is "role:<${roles.join('|')}>" or "user:<id>"`);

/**
 * What happens to an approved release whose gate verdicts changed before it started deploying (its approvals are
 * invalidated either way): `reapprove` waits for approvals again, until the original deadline; `fail` fails it.
 */
export const gateChangePolicies = ['reapprove', 'fail'] as const;

export type GateChangePolicy = (typeof gateChangePolicies)[number];

/**
 * An environment's approval policy (PRODUCT.md §7): who reviews, how many approvals, how long to wait, and what a
 * gate verdict that changes after approval does (`onGateChange`, default `reapprove`).
 */
export const approvalPolicySchema = z.object({
  reviewers: z.array(reviewerSchema).min(1, 'name at least one reviewer'),
  required: z.number().int().min(1).max(100),
  timeoutMinutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 365),
  onGateChange: z.enum(gateChangePolicies).default('reapprove'),
});

export type ApprovalPolicy = z.infer<typeof approvalPolicySchema>;

/** Production's default: two approvals from maintainers or admins within 24 hours. */
export const defaultProductionApprovalPolicy: ApprovalPolicy = {
  reviewers: ['role:maintainer', 'role:admin'],
  required: 2,
  timeoutMinutes: 1440,
  onGateChange: 'reapprove',
};

/** The user asking: their id and current role. */
export interface ApprovalUser {
  id: string;
  role: Role;
}

/** Whether the policy designates `user` as a reviewer, by id or by role. */
export function isReviewer(user: ApprovalUser, policy: Pick<ApprovalPolicy, 'reviewers'>): boolean {
  return policy.reviewers.some((reviewer) => reviewer === `user:${user.id}` || reviewer === `role:${user.role}`);
}
