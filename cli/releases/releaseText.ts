import type { Approval } from '../../core/api/approval';
import type { Release } from '../../core/api/release';
import type { GateResult } from '../../core/gates/gateResult';
import { checkText, latestChecks, verificationHeadline } from '../../core/verification/verificationText';

/** `release 1b2c… promote v1.2.0 → staging: in-progress`. */
export function releaseHeadline(release: Release): string {
  return `release ${release.id} ${release.kind} ${release.version} → ${release.environment}: ${releaseState(release)}`;
}

/**
 * The status, with the approval progress while reviewers are deciding, the reason once it failed, and its
 * verification window once it succeeded in an environment that watches metrics: the time left at `now`, or
 * (null) when it ends, for output that is not rewritten in place.
 */
export function releaseState(release: Release, approval?: Approval | null, now: Date | null = new Date()): string {
  const parts: string[] = [release.status];
  if (release.approval !== 'not-required') {
    const progress = approval ? ` ${approval.approvals} of ${approval.required}` : '';
    parts.push(`approval ${release.approval}${progress}`);
  }
  if (release.status === 'failed' && release.reason) parts.push(release.reason);
  if (release.verification) parts.push(verificationState(release.verification, now));
  return parts.join(', ');
}

/**
 * `verifying (4 min left): ✓ job-failure-ratio 0.01 (max 0.05)` — the newest check of each metric — while the
 * window runs, then how it ended and why.
 */
function verificationState(verification: NonNullable<Release['verification']>, now: Date | null): string {
  const headline = now || verification.state !== 'running' ? verificationHeadline(verification, now ?? new Date()) : `verifying until ${verification.until}`;
  if (verification.state !== 'running') return verification.reason ? `${headline}: ${verification.reason}` : headline;
  const latest = latestChecks(verification).map(checkText);
  return latest.length > 0 ? `${headline}: ${latest.join('; ')}` : headline;
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
  const decisions = release.approvals.map(
    (decision) =>
      `  ${decision.decision === 'approve' ? 'approved' : 'rejected'} by ${decision.user} at ${decision.at}${decision.comment ? `: ${decision.comment}` : ''}\n`,
  );
  const waiting = approval?.state === 'waiting' ? `  waiting for reviewers until ${approval.expiresAt}: forge-release approve ${release.id}\n` : '';
  return `${lines.join('\n')}\n${gateLines(release.gates)}${decisions.join('')}${waiting}${verificationLines(release)}`;
}

/** Every check of the release's verification window, oldest first, and the automatic rollback it started. */
function verificationLines(release: Release): string {
  const verification = release.verification;
  if (!verification) return '';
  const window = `  verification window ${verification.startedAt} → ${verification.until}, every ${verification.intervalSeconds} s, on failure: ${verification.onFailure}\n`;
  const checks = verification.checks.map((check) => `    ${check.at} ${checkText(check)}\n`).join('');
  const rollback = verification.rollbackReleaseId ? `  rolled back automatically: forge-release release show ${verification.rollbackReleaseId}\n` : '';
  return `${window}${checks}${rollback}`;
}
