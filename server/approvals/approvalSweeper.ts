import type { ServiceDeps } from '../serviceDeps';
import { expireOverdueApprovals } from './expireApprovals';

/** A running sweeper; `stop` clears its timer and waits for a sweep in flight. */
export interface ApprovalSweeper {
  stop(): Promise<void>;
}

/** Sweeps approvals every `intervalMs` (expiring overdue ones, starting approved ones); sweeps never overlap. */
export function startApprovalSweeper(deps: ServiceDeps, intervalMs: number): ApprovalSweeper {
  let running: Promise<void> | null = null;
  const sweep = () => {
    running ??= expireOverdueApprovals(deps)
      .then((result) => {
        if (result.expired.length + result.started.length > 0) deps.logger.info(result, 'approval sweep');
      })
      .catch((err) => deps.logger.error({ err }, 'approval sweep failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
