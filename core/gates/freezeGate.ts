import { activeFreeze, describeFreezeWindow, type FreezeWindow } from './freezeWindows';
import type { GateResult } from './gateResult';

/** An admin's break-glass override of a freeze; the reason is mandatory and goes into the audit log. */
export interface FreezeOverride {
  by: string;
  reason: string;
}

/** The freeze gate's verdict, with the window in force (if any) so the caller can audit an override. */
export interface FreezeGateResult extends GateResult {
  gate: 'freeze';
  window: FreezeWindow | null;
  overridden: boolean;
}

/**
 * Passes when no freeze window is in force at `now`, or when one is and an override with a reason is given.
 * Only the caller knows whether the override comes from an admin; it must check that before passing it.
 */
export function evaluateFreeze(windows: readonly FreezeWindow[], now: Date, override?: FreezeOverride | null): FreezeGateResult {
  const window = activeFreeze(windows, now);
  if (window === null) {
    return { gate: 'freeze', passed: true, reason: 'no deploy freeze is in force', window, overridden: false };
  }
  const frozen = `deploy freeze in force: ${describeFreezeWindow(window)}`;
  if (override && override.reason.trim() !== '') {
    return { gate: 'freeze', passed: true, reason: `${frozen}; overridden by ${override.by}: ${override.reason.trim()}`, window, overridden: true };
  }
  return { gate: 'freeze', passed: false, reason: `${frozen}; an admin may override it with a break-glass reason`, window, overridden: false };
}
