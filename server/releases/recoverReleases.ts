import { wasActivated } from '../environments/environmentDefinitions';
import { findEnvironmentRecord } from '../environments/environmentStore';
import type { ServiceDeps } from '../serviceDeps';
import { finishRelease } from './finishRelease';
import { findRelease, inProgressReleases } from './releaseStore';
import { reactivateCurrent } from './runRelease';
import { isClaimed } from './runningReleases';
import { ownerIsGone } from './serviceInstances';

/** What a recovery pass did. */
export interface RecoveryReport {
  succeeded: string[];
  interrupted: string[];
}

/**
 * Finishes releases left in progress by a process that is gone (PRODUCT.md §5 "Crash safety"). The two
 * databases cannot commit together, so the environment database decides: a release whose flip committed is
 * recorded as succeeded; any other is failed with reason `interrupted`, its environment stays on its active
 * version, and its gateways are sent that version's manifest again. Releases of live processes are left alone.
 */
export async function recoverReleases(deps: ServiceDeps): Promise<RecoveryReport> {
  const report: RecoveryReport = { succeeded: [], interrupted: [] };
  const now = deps.clock();
  for (const candidate of await inProgressReleases(deps.db)) {
    // This process's own release counts as abandoned only once its run has ended without finishing it.
    const orphaned = candidate.owner?.id === deps.instance.id && !isClaimed(deps, candidate.id);
    if (!orphaned && !ownerIsGone(candidate.owner, deps.instance, now)) continue;
    const record = await findRelease(deps.db, candidate.id);
    const environment = await findEnvironmentRecord(deps.db, candidate.environment);
    if (!record || !environment) continue;
    let envDb;
    let activated: boolean;
    try {
      envDb = await deps.environmentDatabases.open(environment.databaseUrl);
      activated = await wasActivated(envDb, candidate.id);
    } catch (error) {
      // Without the environment database the outcome cannot be known: try again on the next pass.
      deps.logger.error({ err: error, releaseId: candidate.id }, 'cannot read the environment database to recover a release');
      continue;
    }
    const outcome = activated ? ({ status: 'succeeded' } as const) : ({ status: 'failed', reason: 'interrupted' } as const);
    if (!(await finishRelease(deps, record, outcome))) continue;
    (activated ? report.succeeded : report.interrupted).push(candidate.id);
    deps.logger.warn({ releaseId: candidate.id, environment: environment.name, outcome: outcome.status }, 'recovered an abandoned release');
    if (!activated && environment.gateways.length > 0) {
      const db = envDb;
      deps.tasks.run(() => reactivateCurrent(deps, environment, db, environment.gateways));
    }
  }
  return report;
}
