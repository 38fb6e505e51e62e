import { z } from 'zod';
import { gateNames, type GateResult, type GateVerdict } from './gateResult';

/**
 * A gate whose verdict changed since a release was requested or approved: it passed then (or did not run:
 * `before` null) and does not pass now.
 */
export const gateChangeSchema = z.object({
  gate: z.enum(gateNames),
  before: z.string().nullable(),
  after: z.string(),
});

export type GateChange = z.infer<typeof gateChangeSchema>;

/** The gates that do not pass `now` although they passed (or did not run) in `given`. */
export function gateChanges(given: readonly GateVerdict[], now: readonly GateResult[]): GateChange[] {
  return now.flatMap((current) => {
    if (current.passed) return [];
    const before = given.find((verdict) => verdict.gate === current.gate);
    if (before && !before.passed) return [];
    return [{ gate: current.gate, before: before?.reason ?? null, after: current.reason }];
  });
}

/** `evaluation: claims-routing: accuracy 0.85 is below the minimum 0.9 (it passed before)`, for reasons and audit events. */
export function describeGateChanges(changes: readonly GateChange[]): string {
  return changes.map((change) => `${change.gate}: ${change.after} (${change.before === null ? 'it did not run before' : 'it passed before'})`).join('; ');
}
