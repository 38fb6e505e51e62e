import type { ReleaseVerification, VerificationCheck } from '../api/verification';

/** `verifying (12 min left)` while the window runs (seconds in its last minute), then `verification passed` / `failed` / `inconclusive`. */
export function verificationHeadline(verification: Pick<ReleaseVerification, 'state' | 'until'>, now: Date): string {
  if (verification.state !== 'running') return `verification ${verification.state}`;
  const leftMs = Math.max(0, Date.parse(verification.until) - now.getTime());
  const left = leftMs >= 60_000 ? `${Math.ceil(leftMs / 60_000)} min` : `${Math.ceil(leftMs / 1000)} s`;
  return `verifying (${left} left)`;
}

/** The newest check of each metric, in the order the metrics were first checked. */
export function latestChecks(verification: Pick<ReleaseVerification, 'checks'>): VerificationCheck[] {
  const latest = new Map<string, VerificationCheck>();
  for (const check of verification.checks) latest.set(check.metric, check);
  return [...latest.values()];
}

const verdictMarks: Record<VerificationCheck['verdict'], string> = { pass: '✓', breach: '✗', inconclusive: '?' };

/** `✓ job-failure-ratio 0.012 (max 0.05)`, `✗ … 0.3 {planner="claims-intake"} (max 0.05)`, `? … no value: the query returned no sample`. */
export function checkText(check: VerificationCheck): string {
  const series = check.series ? ` ${check.series}` : '';
  const value = check.value === null ? (check.detail ?? 'no value') : `${Number(check.value.toPrecision(6))}${series}`;
  const noValue = check.value === null && check.verdict === 'inconclusive' ? 'no value: ' : '';
  return `${verdictMarks[check.verdict]} ${check.metric} ${noValue}${value} (${check.bound})`;
}
