import type { Gate } from './gate';
import { promotionOrderGate } from './promotionOrderGate';
import { validationGate } from './validationGate';

/** The gates the service always registers; others (checks, semver policy, freeze, approvals) are added by name. */
export const defaultGates: readonly Gate[] = [validationGate, promotionOrderGate];
