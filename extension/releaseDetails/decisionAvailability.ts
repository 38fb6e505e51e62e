import type { Approval } from '../../core/api/approval';
import type { Release } from '../../core/api/release';
import type { Me } from '../../core/api/user';
import type { GateChange } from '../../core/gates/gateChanges';
import type { DecisionAvailability } from '../../webviews/release/protocol';

/**
 * Whether `me` may approve or reject the release now, and otherwise the sentence the panel shows beside the
 * disabled buttons. The service decides (`canDecide` / `refusal`, and for an approval the gates checked again:
 * `changes`); this only puts its verdict into words.
 */
export function decisionAvailability(
  me: Me | null,
  release: Release | null,
  approval: Approval | null,
  now: Date,
  changes: readonly GateChange[] = [],
): DecisionAvailability {
  const refuse = (explanation: string): DecisionAvailability => ({ allowed: false, explanation, approveBlocked: null });
  if (!me) return refuse('Sign in ("Forge: Sign In") to approve or reject this release.');
  if (!release) return refuse('The release could not be loaded.');
  if (!approval) {
    return refuse(release.approval === 'not-required' ? 'This release needs no approval.' : 'The approval of this release could not be loaded.');
  }
  if (approval.state !== 'waiting') return refuse(`This release is no longer waiting for approval: it was ${approval.state}.`);
  if (new Date(approval.expiresAt).getTime() <= now.getTime()) return refuse('The time to approve this release has run out; it expires without a decision.');
  if (approval.canDecide) {
    const failing = changes.map((change) => `${change.gate}: ${change.after}`).join('; ');
    const approveBlocked =
      changes.length > 0
        ? `The gates changed since this release was requested (${failing}): it can be approved once they pass again; rejecting is still possible.`
        : null;
    return { allowed: true, explanation: null, approveBlocked };
  }
  switch (approval.refusal) {
    case 'self_approval':
      return refuse('You requested this release; someone else must approve it.');
    case 'not_reviewer':
      return refuse(`Only reviewers of ${approval.environment} can decide (${approval.policy.reviewers.join(', ')}); you are signed in as ${me.name} (${me.role}).`);
    case 'already_decided': {
      const mine = release.approvals.find((decision) => decision.user === me.name || decision.user === me.id);
      return refuse(
        mine
          ? `You already ${mine.decision === 'approve' ? 'approved' : 'rejected'} this release; a reviewer decides once.`
          : 'You already decided on this release; a reviewer decides once.',
      );
    }
    case 'approval_closed':
    case null:
      return refuse(`This release is no longer waiting for approval: it is ${approval.state}.`);
  }
}
