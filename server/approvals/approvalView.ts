import type { Approval } from '../../core/api/approval';
import { decideApproval, refuseDecision, type ApprovalOutcome } from '../../core/approvals/decideApproval';
import type { AuthUser } from '../appEnv';
import type { ReleaseRecord } from '../releases/releaseStore';
import type { ApprovalRequest, StoredDecision } from './approvalStore';

/** The part of a release record an approval process reads. */
export type ApprovalSubject = Pick<ReleaseRecord, 'release' | 'requestedById'>;

/** Where a release stands against the policy it was requested under, at `now`. */
export function approvalOutcome(record: ApprovalSubject, request: ApprovalRequest, decisions: readonly StoredDecision[], now: Date): ApprovalOutcome {
  return decideApproval(request.policy, record.requestedById, decisions, now, new Date(record.release.requestedAt));
}

/** The outcome with reviewers named by their user names, for reasons people read. */
export function namedOutcome(outcome: ApprovalOutcome, decisions: readonly StoredDecision[]): ApprovalOutcome {
  const names = new Map(decisions.map((decision) => [decision.userId, decision.userName]));
  return { ...outcome, counted: outcome.counted.map((entry) => ({ ...entry, userId: names.get(entry.userId) ?? entry.userId })) };
}

/**
 * A release's approval process as `user` sees it: the stored state (the sweeper turns an overdue `waiting`
 * into `expired`), the approvals counted so far, and whether the user may decide now.
 */
export function approvalView(record: ApprovalSubject, request: ApprovalRequest, decisions: readonly StoredDecision[], user: AuthUser, now: Date): Approval {
  const { release } = record;
  // Only releases stored as waiting get an approval process, so `not-required` cannot occur here.
  const state = release.approval === 'not-required' ? 'waiting' : release.approval;
  const refusal =
    state === 'waiting' ? (refuseDecision(request.policy, record.requestedById, decisions, user, now, new Date(release.requestedAt))?.code ?? null) : 'approval_closed';
  return {
    releaseId: release.id,
    environment: release.environment,
    version: release.version,
    requestedBy: release.requestedBy,
    requestedAt: release.requestedAt,
    state,
    approvals: approvalOutcome(record, request, decisions, now).approvals,
    required: request.policy.required,
    policy: request.policy,
    expiresAt: request.expiresAt,
    canDecide: refusal === null,
    refusal,
    release,
  };
}
