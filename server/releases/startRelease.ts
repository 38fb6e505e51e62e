import type { Release } from '../../core/api/release';
import { ConflictError, NotFoundError } from '../errors';
import type { ServiceDeps } from '../serviceDeps';
import { findRelease, type NewRelease } from './releaseStore';
import { runRelease } from './runRelease';
import { claimRelease, releaseClaim } from './runningReleases';
import { insertStartedRelease, lockPendingRelease } from './takeLock';

/** Takes the lock for a new release (409 if held), then runs it in the background. */
export async function startReleaseNow(deps: ServiceDeps, release: NewRelease): Promise<Release> {
  const started = await lockAndRun(deps, release.id, async () => {
    await insertStartedRelease(deps, release);
    return true;
  });
  if (!started) throw new Error(`release ${release.id} did not start`);
  return started;
}

/** Stores a release that waits for approval: `pending`, approval `waiting`, not holding the lock. */
export async function holdForApproval(deps: ServiceDeps, release: NewRelease): Promise<Release> {
  await deps.db.execute({
    sql: `INSERT INTO releases (id, version, environment, kind, status, approval, requested_by, requested_by_id, requested_at, gates, note)
          VALUES (?, ?, ?, ?, 'pending', 'waiting', ?, ?, ?, ?, ?)`,
    args: [release.id, release.version, release.environment, release.kind, release.requestedBy.name, release.requestedBy.id,
      release.requestedAt.toISOString(), JSON.stringify(release.gates), release.note],
  });
  return publishRelease(deps, release.id);
}

/**
 * Starts a `pending` release (e.g. once its approvals are complete): takes the environment lock, sets its
 * approval state, and runs it. 409 `lock_held` while another release of the environment runs; 409
 * `not_pending` when it is no longer pending.
 */
export async function startRelease(deps: ServiceDeps, releaseId: string, approval: 'approved' | 'not-required' = 'approved'): Promise<Release> {
  const record = await findRelease(deps.db, releaseId);
  if (!record) throw new NotFoundError('release', releaseId);
  const { release } = record;
  const started = await lockAndRun(deps, releaseId, () => lockPendingRelease(deps, {
    id: release.id,
    version: release.version,
    environment: release.environment,
    kind: release.kind,
    requestedBy: { id: record.requestedById, name: release.requestedBy },
    requestedAt: new Date(release.requestedAt),
    gates: release.gates,
    note: record.note,
  }, approval));
  if (!started) throw new ConflictError('not_pending', `release ${releaseId} is ${release.status}, not pending`, { status: release.status });
  return started;
}

/** Announces a release's current state on the event stream and returns it. */
export async function publishRelease(deps: ServiceDeps, releaseId: string): Promise<Release> {
  const record = await findRelease(deps.db, releaseId);
  if (!record) throw new Error(`release ${releaseId} vanished after it was written`);
  deps.events.publish({ type: 'release.updated', data: record.release });
  return record.release;
}

/**
 * Claims the release for this process before `takeLock` runs (so recovery never mistakes it for abandoned),
 * then runs it in the background; null when `takeLock` reports the release was no longer pending.
 */
async function lockAndRun(deps: ServiceDeps, releaseId: string, takeLock: () => Promise<boolean>): Promise<Release | null> {
  claimRelease(deps, releaseId);
  let locked = false;
  try {
    locked = await takeLock();
  } finally {
    if (!locked) releaseClaim(deps, releaseId);
  }
  if (!locked) return null;
  deps.tasks.run(() => runRelease(deps, releaseId).finally(() => releaseClaim(deps, releaseId)));
  return publishRelease(deps, releaseId);
}
