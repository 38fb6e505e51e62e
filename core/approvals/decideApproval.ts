import { isReviewer, type ApprovalPolicy, type ApprovalUser } from './approvalPolicy';

/** The states of a release's approval process (a release without one is `not-required` and has none). */
export const approvalProcessStates = ['waiting', 'approved', 'rejected', 'expired'] as const;

export type ApprovalState = (typeof approvalProcessStates)[number];

/** One recorded reviewer decision on a release. */
export interface ApprovalDecision {
  userId: string;
  decision: 'approve' | 'reject';
  comment?: string | null;
  /** ISO date-time. */
  at: string;
}

/** Where a release stands against its approval policy. */
export interface ApprovalOutcome {
  state: ApprovalState;
  approvals: number;
  rejections: number;
  required: number;
  /** Approvals still needed while waiting; 0 otherwise. */
  remaining: number;
  /** ISO date-time after which a waiting release expires. */
  deadline: string;
  /** The decisions that count, in the order they were made (one per user, never the requester's). */
  counted: ApprovalDecision[];
}

/** Why a decision is refused: the code is what the API returns (`self_approval`, `not_reviewer` → 403, the rest 409). */
export type ApprovalRefusal =
  | { code: 'self_approval'; message: string }
  | { code: 'not_reviewer'; message: string }
  | { code: 'already_decided'; message: string }
  | { code: 'approval_closed'; message: string; state: Exclude<ApprovalState, 'waiting'> };

/** The moment a release requested at `requestedAt` stops waiting for approvals. */
export function approvalDeadline(policy: ApprovalPolicy, requestedAt: Date): Date {
  return new Date(requestedAt.getTime() + policy.timeoutMinutes * 60_000);
}

/**
 * Evaluates the decisions recorded so far. Decisions are replayed in time order: the first rejection rejects,
 * reaching `required` approvals approves, and whichever comes first is final. A user counts once (their first
 * decision), the requester never counts, and decisions made after the deadline are ignored. A release still
 * waiting at the deadline has expired.
 */
export function decideApproval(policy: ApprovalPolicy, requester: string, decisions: readonly ApprovalDecision[], now: Date, requestedAt: Date): ApprovalOutcome {
  const deadline = approvalDeadline(policy, requestedAt);
  const seen = new Set<string>([requester]);
  const counted: ApprovalDecision[] = [];
  let state: ApprovalState = 'waiting';
  let approvals = 0;
  let rejections = 0;
  for (const decision of [...decisions].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
    if (seen.has(decision.userId) || Date.parse(decision.at) >= deadline.getTime()) continue;
    seen.add(decision.userId);
    counted.push(decision);
    if (decision.decision === 'reject') {
      rejections += 1;
      state = 'rejected';
      break;
    }
    approvals += 1;
    if (approvals >= policy.required) {
      state = 'approved';
      break;
    }
  }
  if (state === 'waiting' && now.getTime() >= deadline.getTime()) state = 'expired';
  return {
    state,
    approvals,
    rejections,
    required: policy.required,
    remaining: state === 'waiting' ? policy.required - approvals : 0,
    deadline: deadline.toISOString(),
    counted,
  };
}

/**
 * Whether `user` may record a decision now; null when they may. Checked before a decision is stored, in the
 * order the API reports them: a closed approval first, then the requester, then reviewer rights, then repeats.
 */
export function refuseDecision(
  policy: ApprovalPolicy,
  requester: string,
  decisions: readonly ApprovalDecision[],
  user: ApprovalUser,
  now: Date,
  requestedAt: Date,
): ApprovalRefusal | null {
  const { state } = decideApproval(policy, requester, decisions, now, requestedAt);
  if (state !== 'waiting') {
    return { code: 'approval_closed', state, message: `this release is no longer waiting for approval (${state})` };
  }
  if (user.id === requester) {
    return { code: 'self_approval', message: 'the requester of a release cannot approve or reject it' };
  }
  if (!isReviewer(user, policy)) {
    return {
      code: 'not_reviewer',
      message: `you are not a reviewer for this environment (reviewers: ${policy.reviewers.join(', ')})`,
    };
  }
  if (decisions.some((decision) => decision.userId === user.id)) {
    return { code: 'already_decided', message: 'you have already decided on this release' };
  }
  return null;
}
