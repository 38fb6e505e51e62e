import type { ServiceDeps } from '../serviceDeps';
import { startPeriodicTask, type PeriodicTask } from '../tasks/periodicTask';
import { flushAccessWindows } from './accessWindows';
import { checkpointChain } from './checkpoints/checkpointChain';

/**
 * Every `intervalMs`: writes the `access` events of the access windows that closed, then takes a signed checkpoint
 * of the audit chain when one is due (FORGE_CHECKPOINT_INTERVAL) and anchors it. Every replica runs one; the
 * database decides which replica writes a window and signs a head. Rounds never overlap.
 */
export function startAuditKeeper(deps: ServiceDeps, intervalMs: number): PeriodicTask {
  return startPeriodicTask(
    async () => {
      await flushAccessWindows(deps.db, deps.clock());
      await checkpointChain(deps, 'due');
    },
    intervalMs,
    (err) => deps.logger.error({ err }, 'audit trail round failed'),
  );
}
