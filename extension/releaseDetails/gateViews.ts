import type { Approval } from '../../core/api/approval';
import type { GateRecheckAnswer, Release } from '../../core/api/release';
import type { GateResult } from '../../core/gates/gateResult';
import type { GateView } from '../../webviews/release/protocol';

/**
 * The release's gate verdicts as they stand now. Gates are recorded when the release is requested; the approvals
 * gate's verdict then says "0 of 2", so it is read from the approval process instead, which follows every decision;
 * while the release is pending, the other gates come from their evaluation now (`recheck`), and a gate its
 * environment added since then is listed too.
 */
export function gateViews(release: Release, approval: Approval | null, recheck: GateRecheckAnswer | null = null): GateView[] {
  const now = new Map((recheck?.gates ?? []).map((gate) => [gate.gate, gate]));
  const added = [...now.values()].filter((gate) => !release.gates.some((recorded) => recorded.gate === gate.gate));
  return [...release.gates.map((recorded) => now.get(recorded.gate) ?? recorded), ...added].map((gate: GateResult): GateView => {
    if (gate.gate === 'approvals' && approval) return approvalsGateView(approval, release);
    if (gate.awaitsApproval) return { gate: gate.gate, verdict: release.approval === 'waiting' ? 'waiting' : 'passed', reason: gate.reason };
    if (gate.overridden) return { gate: gate.gate, verdict: 'overridden', reason: gate.reason };
    return { gate: gate.gate, verdict: gate.passed ? 'passed' : 'failed', reason: gate.reason };
  });
}

function approvalsGateView(approval: Approval, release: Release): GateView {
  const count = `${approval.approvals} of ${approval.required} approvals`;
  const from = approval.policy.reviewers.join(' or ');
  switch (approval.state) {
    case 'waiting':
      return { gate: 'approvals', verdict: 'waiting', reason: `${count} so far, from ${from}` };
    case 'approved':
      return { gate: 'approvals', verdict: 'passed', reason: `approved: ${count}` };
    case 'rejected':
      return { gate: 'approvals', verdict: 'failed', reason: release.reason ?? 'rejected by a reviewer' };
    case 'expired':
      return { gate: 'approvals', verdict: 'failed', reason: `expired with ${count}` };
  }
}
