import {
  activateVersion, isStaged, readActivePointer, readStagedSet, stageVersion, wasActivated,
} from '../environments/environmentDefinitions';
import type { EnvironmentRecord } from '../environments/environmentRecord';
import { findEnvironmentRecord } from '../environments/environmentStore';
import { activationManifest } from '../gateways/activationManifest';
import { describeFailure, gatewaysToCompensate, notifyGateways } from '../gateways/notifyGateways';
import type { ServiceDeps } from '../serviceDeps';
import type { Database } from '../store/database';
import { readBundle } from '../versions/versionStore';
import { finishRelease, type ReleaseOutcome } from './finishRelease';
import { findRelease, type ReleaseRecord } from './releaseStore';

/**
 * Runs a release that holds its environment's lock (PRODUCT.md §5): stage the bundle in the environment
 * database → notify every gateway → flip the active pointer in one transaction → record the outcome. Any
 * failure before the flip leaves the previous version active and re-sends its manifest to every gateway that
 * may have taken the new one. No database transaction is open across an HTTP call.
 */
export async function runRelease(deps: ServiceDeps, releaseId: string): Promise<void> {
  const record = await findRelease(deps.db, releaseId);
  if (!record || record.release.status !== 'in-progress' || record.ownerInstance !== deps.instance.id) return;
  const outcome = await deploy(deps, record);
  await finishWithRetry(deps, record, outcome);
}

async function deploy(deps: ServiceDeps, record: ReleaseRecord): Promise<ReleaseOutcome> {
  const { release } = record;
  let envDb: Database | null = null;
  let environment: EnvironmentRecord | null = null;
  let mayHoldNewVersion: string[] = [];
  let variables: Record<string, string> = {};
  try {
    environment = await findEnvironmentRecord(deps.db, release.environment);
    if (!environment) throw new Error(`environment ${release.environment} no longer exists`);
    envDb = await deps.environmentDatabases.open(environment.databaseUrl);
    if (!(await isStaged(envDb, release.version))) {
      await stageVersion(envDb, release.version, release.id, await readBundle(deps.db, release.version), deps.clock());
    }
    const artifacts = await readStagedSet(envDb, release.version);
    variables = await deps.variables(environment);
    const manifest = activationManifest(environment.name, release.version, artifacts, variables);
    const outcomes = await notifyGateways(environment.gateways, manifest, deps.gatewayTimeoutMs);
    mayHoldNewVersion = gatewaysToCompensate(outcomes);
    const failure = describeFailure(outcomes);
    if (failure) throw new ReleaseStepError(failure);
    await assertStillOwned(deps, release.id);
    await activateVersion(envDb, release.version, release.id, deps.clock());
    return { status: 'succeeded' };
  } catch (error) {
    // A remote database may report an error for a flip that did commit: the activation record decides.
    if (envDb && (await wasActivated(envDb, release.id).catch(() => false))) return { status: 'succeeded' };
    const reason = error instanceof ReleaseStepError ? error.message : `deploy failed: ${(error as Error).message}`;
    deps.logger.warn({ releaseId: release.id, environment: release.environment, version: release.version, reason }, 'release failed');
    if (!envDb || !environment || mayHoldNewVersion.length === 0) return { status: 'failed', reason };
    const compensation = await reactivateCurrent(deps, environment, envDb, mayHoldNewVersion, variables);
    return { status: 'failed', reason: compensation ? `${reason}; ${compensation}` : reason };
  }
}

/**
 * Re-sends the environment's active manifest (the previous version, or an empty one if nothing was ever
 * active) to gateways that may have taken a release that did not complete. Returns a note when some refuse.
 */
export async function reactivateCurrent(
  deps: ServiceDeps,
  environment: EnvironmentRecord,
  envDb: Database,
  gateways: readonly string[],
  variables?: Record<string, string>,
): Promise<string | null> {
  const active = await readActivePointer(envDb);
  const artifacts = active ? await readStagedSet(envDb, active.version) : [];
  const manifest = activationManifest(environment.name, active?.version ?? null, artifacts, variables ?? (await deps.variables(environment)));
  const outcomes = await notifyGateways(gateways, manifest, deps.gatewayTimeoutMs);
  const failed = outcomes.filter((o) => o.result !== 'acknowledged');
  if (failed.length === 0) return null;
  deps.logger.error({ environment: environment.name, gateways: failed.map((o) => o.gateway) }, 'gateway re-activation failed');
  return `re-activating ${active?.version ?? 'nothing'} failed on ${failed.map((o) => `${o.gateway} (${o.detail})`).join(', ')}`;
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
