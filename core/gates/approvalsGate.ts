import type { ApprovalOutcome } from '../approvals/decideApproval';
import type { GateResult } from './gateResult';

/** The approvals gate's verdict, carrying the approval state so the caller can hold a waiting release. */
export interface ApprovalsGateResult extends GateResult {
  gate: 'approvals';
  approval: ApprovalOutcome['state'];
}

/**
 * Passes once the policy is met. A `waiting` result is not a refusal: the release stays pending until enough
 * reviewers approve, someone rejects, or the deadline passes.
 */
export function evaluateApprovals(outcome: ApprovalOutcome): ApprovalsGateResult {
  const { state, approvals, required, remaining, deadline } = outcome;
  const reasons: Record<ApprovalOutcome['state'], string> = {
    approved: `approved by ${approvals} of ${required} required reviewers (${names(outcome, 'approve')})`,
    waiting: `waiting for ${remaining} more approval${remaining === 1 ? '' : 's'} (${approvals} of ${required}) until ${deadline}`,
    rejected: `rejected by ${names(outcome, 'reject')}${rejectionComment(outcome)}`,
    expired: `expired at ${deadline} with ${approvals} of ${required} required approvals`,
  };
  return { gate: 'approvals', passed: state === 'approved', reason: reasons[state], approval: state };
}

function names(outcome: ApprovalOutcome, decision: 'approve' | 'reject'): string {
  return outcome.counted
    .filter((entry) => entry.decision === decision)
    .map((entry) => entry.userId)
    .join(', ');
}

function rejectionComment(outcome: ApprovalOutcome): string {
  const comment = outcome.counted.find((entry) => entry.decision === 'reject')?.comment;
  return comment ? `: ${comment}` : '';
}
