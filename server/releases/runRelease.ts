import { gatewayUrlOf } from '../../core/api/gateway';
import { activateVersion, isStaged, readStagedSet, stageVersion, wasActivated, type DefinitionArtifact } from '../environments/environmentDefinitions';
import type { EnvironmentRecord } from '../environments/environmentRecord';
import { findEnvironmentRecord } from '../environments/environmentStore';
import { describeFailure, type GatewayOutcome } from '../gateways/activation';
import { applyActivation, gatewaysOf, restoreActiveVersion } from '../gateways/environmentGateways';
import { acquireGatewayLock, releaseGatewayLock, type GatewayLock } from '../gateways/gatewayLock';
import { reconcileInBackground } from '../gateways/reconciler';
import type { ServiceDeps } from '../serviceDeps';
import type { Database } from '../store/database';
import { readBundle } from '../versions/versionStore';
import { finishRelease, type ReleaseOutcome } from './finishRelease';
import { describeRestoreFailure, releaseGatewayResults } from './releaseGatewayResults';
import { findRelease, type ReleaseRecord } from './releaseStore';

/**
 * Runs a release that holds its environment's lock (PRODUCT.md §5): stage the bundle in the environment
 * database → take the environment's gateway lock → publish to every gateway → flip the active pointer in one
 * transaction → record the outcome, with what each gateway was sent. Any failure before the flip leaves the
 * previous version active and re-publishes it on every gateway that may have taken the new one. No database
 * transaction is open across an HTTP call. Afterwards the reconciler checks the gateways.
 */
export async function runRelease(deps: ServiceDeps, releaseId: string): Promise<void> {
  const record = await findRelease(deps.db, releaseId);
  if (!record || record.release.status !== 'in-progress' || record.ownerInstance !== deps.instance.id) return;
  const outcome = await deploy(deps, record);
  await finishWithRetry(deps, record, outcome);
  reconcileInBackground(deps, record.release.environment, 'release');
}

async function deploy(deps: ServiceDeps, record: ReleaseRecord): Promise<ReleaseOutcome> {
  const { release } = record;
  let envDb: Database | null = null;
  let lock: GatewayLock | null = null;
  try {
    const environment = await findEnvironmentRecord(deps.db, release.environment);
    if (!environment) throw new Error(`environment ${release.environment} no longer exists`);
    envDb = await deps.environmentDatabases.open(environment.databaseUrl);
    if (!(await isStaged(envDb, release.version))) {
      await stageVersion(envDb, release.version, release.id, await readBundle(deps.db, release.version), deps.clock());
    }
    const artifacts = await readStagedSet(envDb, release.version);
    lock = await acquireGatewayLock(deps, environment.name, `release:${release.id}`);
    return await publishAndFlip(deps, record, { environment, envDb, artifacts, lock });
  } catch (error) {
    // A remote database may report an error for a flip that did commit: the activation record decides.
    if (envDb && (await wasActivated(envDb, release.id).catch(() => false))) return { status: 'succeeded' };
    const reason = `deploy failed: ${(error as Error).message}`;
    deps.logger.warn({ releaseId: release.id, environment: release.environment, version: release.version, reason }, 'release failed');
    return { status: 'failed', reason };
  } finally {
    if (lock) await releaseGatewayLock(deps, lock);
  }
}

interface Publication {
  environment: EnvironmentRecord;
  envDb: Database;
  artifacts: DefinitionArtifact[];
  lock: GatewayLock;
}

/** Publishes the version and flips; on a failure before the flip, restores the previous version where it may be gone. */
async function publishAndFlip(deps: ServiceDeps, record: ReleaseRecord, { environment, envDb, artifacts, lock }: Publication): Promise<ReleaseOutcome> {
  const { release } = record;
  const gateways = gatewaysOf(environment);
  let outcomes: GatewayOutcome[] = [];
  let variables: Record<string, string> | null = null;
  try {
    variables = await deps.variables(environment);
    outcomes = await applyActivation(deps, lock, gateways, { version: release.version, releaseId: release.id, artifacts }, variables);
    const failure = describeFailure(outcomes);
    if (failure) throw new ReleaseStepError(failure);
    await assertStillOwned(deps, release.id);
    await activateVersion(envDb, release.version, release.id, deps.clock());
    return { status: 'succeeded', gateways: releaseGatewayResults(release.version, outcomes) };
  } catch (error) {
    if (await wasActivated(envDb, release.id).catch(() => false)) return { status: 'succeeded', gateways: releaseGatewayResults(release.version, outcomes) };
    const reason = error instanceof ReleaseStepError ? error.message : `deploy failed: ${(error as Error).message}`;
    deps.logger.warn({ releaseId: release.id, environment: release.environment, version: release.version, reason }, 'release failed');
    const touched = outcomes.filter((o) => o.touched).map((o) => o.url);
    if (touched.length === 0 || variables === null) return { status: 'failed', reason, gateways: releaseGatewayResults(release.version, outcomes) };
    const restore = await restoreActiveVersion(
      deps,
      lock,
      envDb,
      gateways.filter((g) => touched.includes(gatewayUrlOf(g))),
      variables,
    ).catch((restoreError: unknown) => {
      deps.logger.error({ err: restoreError, environment: environment.name }, 'gateway re-activation failed');
      return null;
    });
    if (!restore) return { status: 'failed', reason: `${reason}; re-activating the previous version failed`, gateways: releaseGatewayResults(release.version, outcomes) };
    const note = describeRestoreFailure(restore.expected.version, restore.outcomes);
    if (note) deps.logger.error({ environment: environment.name, note }, 'gateway re-activation failed');
    return {
      status: 'failed',
      reason: note ? `${reason}; ${note}` : reason,
      gateways: releaseGatewayResults(release.version, outcomes, { version: restore.expected.version, outcomes: restore.outcomes }),
    };
  }
}

/** Recovery may have failed this release while its gateways were slow; then it must not flip. */
async function assertStillOwned(deps: ServiceDeps, releaseId: string): Promise<void> {
  const current = await findRelease(deps.db, releaseId);
  if (current?.release.status !== 'in-progress' || current.ownerInstance !== deps.instance.id) {
    throw new ReleaseStepError('the release was finished by recovery while it ran');
  }
}

/** Recording the outcome is retried: the flip may already have committed, and the record must follow it. */
async function finishWithRetry(deps: ServiceDeps, record: ReleaseRecord, outcome: ReleaseOutcome): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await finishRelease(deps, record, outcome);
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
      deps.logger.warn({ err: error, releaseId: record.release.id, attempt }, 'recording the release outcome failed; retrying');
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

/** A step of the pipeline refused to go on; its message is the release's reason. */
class ReleaseStepError extends Error {}
