import { strict as assert } from 'node:assert';
import type { ApprovalPolicy } from '../../../core/approvals/approvalPolicy';
import { decideApproval, refuseDecision, type ApprovalDecision } from '../../../core/approvals/decideApproval';

const policy: ApprovalPolicy = { reviewers: ['role:maintainer', 'role:admin'], required: 2, timeoutMinutes: 60, onGateChange: 'reapprove' };
const requestedAt = new Date('2024-03-05T10:00:00Z');
const minutesLater = (minutes: number) => new Date(requestedAt.getTime() + minutes * 60_000);
const decision = (userId: string, kind: 'approve' | 'reject', minute: number, comment?: string): ApprovalDecision => ({
  userId,
  decision: kind,
  at: minutesLater(minute).toISOString(),
  comment: comment ?? null,
});

describe('approval decisions', () => {
  it('waits with no decisions and reports the deadline', () => {
    const outcome = decideApproval(policy, 'alice', [], minutesLater(5), requestedAt);
    assert.equal(outcome.state, 'waiting');
    assert.equal(outcome.remaining, 2);
    assert.equal(outcome.deadline, '2024-03-05T11:00:00.000Z');
  });

  it('approves when the required count is reached', () => {
    const decisions = [decision('bob', 'approve', 1), decision('carol', 'approve', 2)];
    const outcome = decideApproval(policy, 'alice', decisions, minutesLater(3), requestedAt);
    assert.equal(outcome.state, 'approved');
    assert.equal(outcome.approvals, 2);
    assert.equal(outcome.remaining, 0);
  });

  it('counts a user once', () => {
    const decisions = [decision('bob', 'approve', 1), decision('bob', 'approve', 2)];
    const outcome = decideApproval(policy, 'alice', decisions, minutesLater(3), requestedAt);
    assert.equal(outcome.state, 'waiting');
    assert.equal(outcome.approvals, 1);
    assert.deepEqual(
      outcome.counted.map((entry) => entry.userId),
      ['bob'],
    );
  });

  it('never counts the requester', () => {
    const decisions = [decision('alice', 'approve', 1), decision('bob', 'approve', 2)];
    const outcome = decideApproval(policy, 'alice', decisions, minutesLater(3), requestedAt);
    assert.equal(outcome.state, 'waiting');
    assert.equal(outcome.approvals, 1);
  });

  it('one rejection rejects, even after an approval', () => {
    const decisions = [decision('bob', 'approve', 1), decision('carol', 'reject', 2, 'breaks invoices')];
    const outcome = decideApproval(policy, 'alice', decisions, minutesLater(3), requestedAt);
    assert.equal(outcome.state, 'rejected');
    assert.equal(outcome.rejections, 1);
    assert.equal(outcome.approvals, 1);
  });

  it('the first terminal decision is final: a late rejection does not undo an approval', () => {
    const decisions = [decision('dave', 'reject', 9), decision('bob', 'approve', 1), decision('carol', 'approve', 2)];
    assert.equal(decideApproval(policy, 'alice', decisions, minutesLater(10), requestedAt).state, 'approved');
  });

  it('expires at the deadline with too few approvals', () => {
    const decisions = [decision('bob', 'approve', 1)];
    assert.equal(decideApproval(policy, 'alice', decisions, minutesLater(59), requestedAt).state, 'waiting');
    const expired = decideApproval(policy, 'alice', decisions, minutesLater(60), requestedAt);
    assert.equal(expired.state, 'expired');
    assert.equal(expired.approvals, 1);
    assert.equal(expired.remaining, 0);
  });

  it('ignores decisions made after the deadline', () => {
    const decisions = [decision('bob', 'approve', 1), decision('carol', 'approve', 61)];
    assert.equal(decideApproval(policy, 'alice', decisions, minutesLater(62), requestedAt).state, 'expired');
  });

  it('stays approved after the deadline once approved in time', () => {
    const decisions = [decision('bob', 'approve', 1), decision('carol', 'approve', 2)];
    assert.equal(decideApproval(policy, 'alice', decisions, minutesLater(600), requestedAt).state, 'approved');
  });
});

describe('refusing a decision', () => {
  const maintainer = (id: string) => ({ id, role: 'maintainer' as const });

  it('lets a reviewer decide on a waiting release', () => {
    assert.equal(refuseDecision(policy, 'alice', [], maintainer('bob'), minutesLater(1), requestedAt), null);
  });

  it('refuses the requester with self_approval', () => {
    const refusal = refuseDecision(policy, 'alice', [], maintainer('alice'), minutesLater(1), requestedAt);
    assert.equal(refusal?.code, 'self_approval');
  });

  it('refuses a non-reviewer with not_reviewer', () => {
    const refusal = refuseDecision(policy, 'alice', [], { id: 'dev', role: 'developer' }, minutesLater(1), requestedAt);
    assert.equal(refusal?.code, 'not_reviewer');
    assert.match(refusal?.message ?? '', /role:maintainer/);
  });

  it('refuses a second decision by the same user with already_decided', () => {
    const decisions = [decision('bob', 'approve', 1)];
    const refusal = refuseDecision(policy, 'alice', decisions, maintainer('bob'), minutesLater(2), requestedAt);
    assert.equal(refusal?.code, 'already_decided');
  });

  it('refuses any decision once the approval is closed, naming the state', () => {
    const approved = [decision('bob', 'approve', 1), decision('carol', 'approve', 2)];
    const afterApproval = refuseDecision(policy, 'alice', approved, maintainer('dave'), minutesLater(3), requestedAt);
    assert.deepEqual([afterApproval?.code, afterApproval && 'state' in afterApproval && afterApproval.state], ['approval_closed', 'approved']);
    const afterExpiry = refuseDecision(policy, 'alice', [], maintainer('dave'), minutesLater(60), requestedAt);
    assert.equal(afterExpiry?.code, 'approval_closed');
    const rejected = [decision('bob', 'reject', 1)];
    assert.equal(refuseDecision(policy, 'alice', rejected, maintainer('carol'), minutesLater(2), requestedAt)?.code, 'approval_closed');
  });
});
