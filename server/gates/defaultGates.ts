import { approvalsGate } from './approvalsGate';
import { freezeGate } from './freezeGate';
import { evaluationGate } from './evaluationGate';
import type { Gate } from './gate';
import { promotionOrderGate } from './promotionOrderGate';
import { requiredChecksGate } from './requiredChecksGate';
import { semverPolicyGate } from './semverPolicyGate';
import { validationGate } from './validationGate';

/** Every gate of PRODUCT.md §6; an environment's `gates` config picks which of them run for it. */
export const defaultGates: readonly Gate[] = [validationGate, promotionOrderGate, requiredChecksGate, semverPolicyGate, evaluationGate, freezeGate, approvalsGate];
