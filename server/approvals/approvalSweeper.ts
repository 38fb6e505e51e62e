import type { ServiceDeps } from '../serviceDeps';
import { startPeriodicTask, type PeriodicTask } from '../tasks/periodicTask';
import { expireOverdueApprovals } from './expireApprovals';

/** Sweeps approvals every `intervalMs` (expiring overdue ones, starting approved ones); sweeps never overlap. */
export function startApprovalSweeper(deps: ServiceDeps, intervalMs: number): PeriodicTask {
  return startPeriodicTask(
    async () => {
      const result = await expireOverdueApprovals(deps);
      if (result.expired.length + result.started.length > 0) deps.logger.info(result, 'approval sweep');
    },
    intervalMs,
    (err) => deps.logger.error({ err }, 'approval sweep failed'),
  );
}
