import type { GateResult } from './gateResult';

/** A check reported for a version (`POST /api/versions/:tag/checks`). */
export interface CheckReport {
  name: string;
  status: 'success' | 'failure';
  /** ISO date-time the report arrived; the latest report of a name wins. */
  at: string;
}

/** Passes when every required check's latest report for the version is `success`. */
export function evaluateRequiredChecks(required: readonly string[], reports: readonly CheckReport[]): GateResult {
  const latest = new Map<string, CheckReport>();
  // A stable sort keeps arrival order for equal timestamps, so the later report still wins a tie.
  for (const report of [...reports].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) latest.set(report.name, report);
  const missing = required.filter((name) => !latest.has(name));
  const failing = required.filter((name) => latest.get(name)?.status === 'failure');
  if (missing.length === 0 && failing.length === 0) {
    const reason = required.length === 0 ? 'no checks are required' : `all required checks passed: ${required.join(', ')}`;
    return { gate: 'required-checks', passed: true, reason };
  }
  const problems = [
    ...(missing.length > 0 ? [`not reported: ${missing.join(', ')}`] : []),
    ...(failing.length > 0 ? [`latest report failed: ${failing.join(', ')}`] : []),
  ];
  return { gate: 'required-checks', passed: false, reason: `required checks not passed (${problems.join('; ')})` };
}
