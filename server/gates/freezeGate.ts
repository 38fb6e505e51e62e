import { evaluateFreeze } from '../../core/gates/freezeGate';
import type { Gate } from './gate';

/**
 * `freeze`: now (from the injected clock) is outside every deploy-freeze window of the environment, or an
 * admin gave a break-glass reason. It runs whenever the environment has freeze windows, unless `freeze: false`.
 */
export const freezeGate: Gate = {
  name: 'freeze',
  runsWithoutConfig: (environment) => environment.freezeWindows.length > 0,
  async evaluate({ clock, user, environment, override }) {
    const { gate, passed, reason, overridden } = evaluateFreeze(environment.freezeWindows, clock(), override ? { by: user.name, reason: override.reason } : null);
    return { gate, passed, reason, ...(overridden ? { overridden } : {}) };
  },
};
