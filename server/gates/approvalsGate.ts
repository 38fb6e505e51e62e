import { decideApproval } from '../../core/approvals/decideApproval';
import { evaluateApprovals } from '../../core/gates/approvalsGate';
import type { Gate } from './gate';

/**
 * `approvals`: when a release is requested no reviewer has decided yet, so the gate never refuses it; it holds
 * it (`awaitsApproval`) until the environment's policy is met, one reviewer rejects, or the timeout passes.
 */
export const approvalsGate: Gate = {
  name: 'approvals',
  async evaluate({ clock, user, environment }) {
    const policy = environment.approvalPolicy;
    if (!policy) return { gate: 'approvals', passed: true, reason: `${environment.name} has no approval policy: nothing to wait for` };
    const now = clock();
    const { gate, reason } = evaluateApprovals(decideApproval(policy, user.id, [], now, now));
    return { gate, passed: true, awaitsApproval: true, reason: `${reason} from ${policy.reviewers.join(' or ')}` };
  },
};
