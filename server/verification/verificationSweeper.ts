import type { ServiceDeps } from '../serviceDeps';
import { startPeriodicTask, type PeriodicTask } from '../tasks/periodicTask';
import { runDueVerifications } from './verificationRounds';

/** How often each replica looks for verification rounds that are due: a round waits at most this long. */
export const verificationPassMs = 250;

/**
 * Runs verification passes every `intervalMs` in this replica; passes never overlap. Every replica runs one: the
 * database decides which of them evaluates each round (see runDueVerifications).
 */
export function startVerificationSweeper(deps: ServiceDeps, intervalMs = verificationPassMs): PeriodicTask {
  return startPeriodicTask(
    () => runDueVerifications(deps),
    intervalMs,
    (err) => deps.logger.error({ err }, 'verification pass failed'),
  );
}
