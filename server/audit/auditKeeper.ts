import type { ServiceDeps } from '../serviceDeps';
import { startPeriodicTask, type PeriodicTask } from '../tasks/periodicTask';
import { checkpointChain } from './checkpoints/checkpointChain';

/**
 * Every `intervalMs`, takes a signed checkpoint of the audit chain when one is due (FORGE_CHECKPOINT_INTERVAL) and
 * anchors it. Every replica runs one; the database decides which replica signs a head. Rounds never overlap.
 */
export function startAuditKeeper(deps: ServiceDeps, intervalMs: number): PeriodicTask {
  return startPeriodicTask(async () => {
    await checkpointChain(deps, 'due');
  }, intervalMs, (err) => deps.logger.error({ err }, 'audit checkpoint round failed'));
}
