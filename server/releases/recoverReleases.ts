import { wasActivated } from '../environments/environmentDefinitions';
import type { EnvironmentRecord } from '../environments/environmentRecord';
import { findEnvironmentRecord } from '../environments/environmentStore';
import { gatewaysOf, restoreActiveVersion } from '../gateways/environmentGateways';
import { acquireGatewayLock, releaseGatewayLock, type GatewayLock } from '../gateways/gatewayLock';
import type { ServiceDeps } from '../serviceDeps';
import type { Database } from '../store/database';
import { finishRelease } from './finishRelease';
import { describeRestoreFailure, interruptedGatewayResults } from './releaseGatewayResults';
import { findRelease, inProgressReleases, recordGatewayResults } from './releaseStore';
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
 * version, and its gateways are given that version again. Recovery takes the environment's gateway lock (from
 * the dead release) before finishing the release and keeps it until the re-publication is done, so a release
 * started right after waits for it rather than racing it. Releases of live processes are left alone.
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
    const lock = await acquireGatewayLock(deps, environment.name, `recovery:${candidate.id}`);
    let handedOver = false;
    try {
      let envDb: Database;
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
        handedOver = true;
        deps.tasks.run(() => restoreAfterCrash(deps, lock, environment, envDb, candidate.id, record.release.version).finally(() => releaseGatewayLock(deps, lock)));
      }
    } finally {
      if (!handedOver) await releaseGatewayLock(deps, lock);
    }
  }
  return report;
}

/** Gives every gateway the active version again and adds what it did to the interrupted release's record. */
async function restoreAfterCrash(
  deps: ServiceDeps,
  lock: GatewayLock,
  environment: EnvironmentRecord,
  envDb: Database,
  releaseId: string,
  version: string,
): Promise<void> {
  const restore = await restoreActiveVersion(deps, lock, envDb, gatewaysOf(environment), await deps.variables(environment));
  const note = describeRestoreFailure(restore.expected.version, restore.outcomes);
  if (note) deps.logger.error({ environment: environment.name, releaseId, note }, 'gateway re-activation after a crash failed');
  await recordGatewayResults(deps.db, releaseId, interruptedGatewayResults(version, restore.expected.version, restore.outcomes));
}
