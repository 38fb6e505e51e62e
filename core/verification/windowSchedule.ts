import type { CheckVerdict, VerificationState } from '../api/verification';

/** When a verification window runs: from the release's success for `windowSeconds`, a check every `intervalSeconds`. */
export interface WindowTimes {
  startedAt: Date;
  until: Date;
  intervalSeconds: number;
}

/** The end of a window that opens at `startedAt`. */
export function windowEnd(startedAt: Date, windowSeconds: number): Date {
  return new Date(startedAt.getTime() + windowSeconds * 1000);
}

/**
 * When the next check is due after one made at `at`: the next whole interval from the start (checks that a
 * stopped service missed are not made up one by one), the last one at `until`. Null once `at` reached `until`:
 * the window is over.
 */
export function nextCheckAfter(times: WindowTimes, at: Date): Date | null {
  if (at.getTime() >= times.until.getTime()) return null;
  const intervalMs = times.intervalSeconds * 1000;
  const elapsed = at.getTime() - times.startedAt.getTime();
  const next = times.startedAt.getTime() + (Math.floor(Math.max(0, elapsed) / intervalMs) + 1) * intervalMs;
  return new Date(Math.min(next, times.until.getTime()));
}

/** The first check of a window: one interval after it opens. */
export function firstCheckAt(times: WindowTimes): Date {
  return nextCheckAfter(times, times.startedAt) ?? times.until;
}

/**
 * The state a window ends in once its last check ran without a breach: passed only when every check had a
 * value within its bounds; a single check without a value (no sample, Prometheus unreachable) leaves it
 * inconclusive.
 */
export function completedState(verdicts: readonly CheckVerdict[]): Extract<VerificationState, 'passed' | 'inconclusive' | 'failed'> {
  if (verdicts.includes('breach')) return 'failed';
  return verdicts.length > 0 && verdicts.every((verdict) => verdict === 'pass') ? 'passed' : 'inconclusive';
}
