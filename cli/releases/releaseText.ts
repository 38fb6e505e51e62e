import type { Approval } from '../../core/api/approval';
import type { Release } from '../../core/api/release';
import type { GateResult } from '../../core/gates/gateResult';

/** `release 1b2c… promote v1.2.0 → staging: in-progress`. */
export function releaseHeadline(release: Release): string {
  return `release ${release.id} ${release.kind} ${release.version} → ${release.environment}: ${releaseState(release)}`;
}

/** The status, with the approval progress while reviewers are deciding and the reason once it failed. */
export function releaseState(release: Release, approval?: Approval | null): string {
  const parts: string[] = [release.status];
  if (release.approval !== 'not-required') {
    const progress = approval ? ` ${approval.approvals} of ${approval.required}` : '';
    parts.push(`approval ${release.approval}${progress}`);
  }
  if (release.status === 'failed' && release.reason) parts.push(release.reason);
  return parts.join(', ');
}

/** One line per gate verdict: ✓ passed, … waiting for approval, ✗ refused. */
export function gateLines(gates: readonly GateResult[]): string {
  return gates.map((gate) => `  ${gate.awaitsApproval ? '…' : gate.passed ? '✓' : '✗'} ${gate.gate}: ${gate.reason}\n`).join('');
}

/** Everything `release show` says: the headline, who asked and when, each gate, each reviewer's decision. */
export function releaseDetails(release: Release, approval: Approval | null): string {
  const times = [`requested by ${release.requestedBy} at ${release.requestedAt}`];
  if (release.startedAt) times.push(`started ${release.startedAt}`);
  if (release.finishedAt) times.push(`finished ${release.finishedAt}`);
  const previous = release.previousVersion ? ` (was ${release.previousVersion})` : '';
  const lines = [
    `release ${release.id} ${release.kind} ${release.version} → ${release.environment}${previous}: ${releaseState(release, approval)}`,
    `  ${times.join(', ')}`,
  ];
  const decisions = release.approvals.map((decision) => `  ${decision.decision === 'approve' ? 'approved' : 'rejected'} by ${decision.user} at ${decision.at}${decision.comment ? `: ${decision.comment}` : ''}\n`);
  const waiting = approval?.state === 'waiting' ? `  waiting for reviewers until ${approval.expiresAt}: forge-release approve ${release.id}\n` : '';
  return `${lines.join('\n')}\n${gateLines(release.gates)}${decisions.join('')}${waiting}`;
}
