import { strict as assert } from 'node:assert';
import { decideApproval, type ApprovalDecision } from '../../../core/approvals/decideApproval';
import { evaluateApprovals } from '../../../core/gates/approvalsGate';

const policy = { reviewers: ['role:maintainer'], required: 2, timeoutMinutes: 30, onGateChange: 'reapprove' as const };
const requestedAt = new Date('2024-03-05T10:00:00Z');
const at = (minute: number) => new Date(requestedAt.getTime() + minute * 60_000);
const approve = (userId: string, minute: number, comment?: string): ApprovalDecision => ({ userId, decision: 'approve', at: at(minute).toISOString(), comment });
const reject = (userId: string, minute: number, comment?: string): ApprovalDecision => ({ userId, decision: 'reject', at: at(minute).toISOString(), comment });
const gate = (decisions: ApprovalDecision[], minute: number) => evaluateApprovals(decideApproval(policy, 'alice', decisions, at(minute), requestedAt));

describe('approvals gate', () => {
  it('passes once approved, naming the approvers', () => {
    const result = gate([approve('bob', 1), approve('carol', 2)], 3);
    assert.deepEqual([result.gate, result.passed, result.approval], ['approvals', true, 'approved']);
    assert.match(result.reason, /approved by 2 of 2 required reviewers \(bob, carol\)/);
  });

  it('does not pass while waiting and says how many approvals remain', () => {
    const result = gate([approve('bob', 1)], 3);
    assert.deepEqual([result.passed, result.approval], [false, 'waiting']);
    assert.match(result.reason, /waiting for 1 more approval \(1 of 2\) until 2024-03-05T10:30:00.000Z/);
  });

  it('reports the rejecting reviewer and their comment', () => {
    const result = gate([reject('carol', 1, 'breaks invoices')], 3);
    assert.deepEqual([result.passed, result.approval], [false, 'rejected']);
    assert.equal(result.reason, 'rejected by carol: breaks invoices');
  });

  it('reports expiry', () => {
    const result = gate([approve('bob', 1)], 30);
    assert.deepEqual([result.passed, result.approval], [false, 'expired']);
    assert.match(result.reason, /expired at 2024-03-05T10:30:00.000Z with 1 of 2 required approvals/);
  });
});
