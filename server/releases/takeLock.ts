import { appendAuditEvents } from '../audit/appendAuditEvent';
import type { AuditEventInput } from '../audit/auditEvent';
import { LockHeldError, NotFoundError } from '../errors';
import type { ServiceDeps } from '../serviceDeps';
import { isUniqueViolation } from '../store/constraintErrors';
import type { Transaction } from '../store/database';
import { announceEndedWindows, endRunningWindows, type EndedWindow } from '../verification/verificationWindows';
import { deploymentStartedEvent } from './releaseAudit';
import type { NewRelease } from './releaseStore';
import { heartbeatStatement } from './serviceInstances';

/**
 * Inserts a release that starts at once: in one write transaction it takes the environment lock (the unique
 * index on in-progress releases: a second insert fails in every process, on either engine), records the previous version and this process as owner, and appends
 * `requestEvents` (what the request itself records) then `deployment.started`. A held lock is a 409 with
 * nothing written.
 */
export async function insertStartedRelease(deps: ServiceDeps, release: NewRelease, requestEvents: readonly AuditEventInput[]): Promise<void> {
  await withLock(deps, release, async (tx, at, previousVersion) => {
    await writeStartedRelease(tx, deps, release, requestEvents, at, previousVersion);
    return true;
  });
}

/**
 * Records a release that starts now, in a transaction that holds its environment's lock (see environmentLock)
 * and knows no release of it is in progress: the row with this process as owner, then `requestEvents` and
 * `deployment.started`.
 */
export async function writeStartedRelease(
  tx: Transaction,
  deps: ServiceDeps,
  release: NewRelease,
  requestEvents: readonly AuditEventInput[],
  at: Date,
  previousVersion: string | null,
): Promise<void> {
  await tx.execute({
    sql: `INSERT INTO releases (id, version, environment, kind, status, approval, previous_version, requested_by, requested_by_id,
            requested_at, started_at, gates, note, owner_instance)
          VALUES (?, ?, ?, ?, 'in-progress', 'not-required', ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [
      release.id,
      release.version,
      release.environment,
      release.kind,
      previousVersion,
      release.requestedBy.name,
      release.requestedBy.id,
      release.requestedAt.toISOString(),
      at.toISOString(),
      JSON.stringify(release.gates),
      release.note,
      deps.instance.id,
    ],
  });
  await appendAuditEvents(tx, [...requestEvents, await deploymentStartedEvent(tx, release, previousVersion)], at);
}

/**
 * Moves a `pending` release (e.g. one whose approvals are complete) to `in-progress`, taking the lock the same
 * way. Returns false when the release is no longer pending; throws LockHeldError when the lock is held.
 */
export async function lockPendingRelease(deps: ServiceDeps, release: NewRelease): Promise<boolean> {
  let moved = false;
  await withLock(deps, release, async (tx, at, previousVersion) => {
    const result = await tx.execute({
      sql: `UPDATE releases SET status = 'in-progress', approval = 'approved', previous_version = ?, started_at = ?, owner_instance = ?
            WHERE id = ? AND status = 'pending'`,
      args: [previousVersion, at.toISOString(), deps.instance.id, release.id],
    });
    moved = result.rowsAffected === 1;
    if (moved) await appendAuditEvents(tx, [await deploymentStartedEvent(tx, release, previousVersion)], at);
    return moved;
  });
  return moved;
}

/**
 * The lock scope of an environment's release records: taking the environment lock and finishing a release run
 * one after the other, so a new release reads the active version its predecessor left.
 */
export function environmentLock(environment: string): string {
  return `environment:${environment}`;
}

/**
 * Takes the environment's lock for `release` and runs `write` under it, which says whether the release now holds
 * it. If so, a verification window still running there ends: the environment changes under it.
 */
async function withLock(deps: ServiceDeps, release: NewRelease, write: (tx: Transaction, at: Date, previousVersion: string | null) => Promise<boolean>): Promise<void> {
  const { environment } = release;
  let ended: EndedWindow[] = [];
  try {
    await deps.db.transaction(async (tx) => {
      await tx.lock(environmentLock(environment));
      const env = await tx.execute({ sql: 'SELECT active_version FROM environments WHERE name = ?', args: [environment] });
      // Read only now: the lock may travel with the first statement, and the start time must follow the predecessor's finish.
      const at = deps.clock();
      const row = env.rows[0];
      if (!row) throw new NotFoundError('environment', environment);
      await tx.execute(heartbeatStatement(deps.instance, at));
      if (await write(tx, at, row.active_version === null ? null : String(row.active_version))) ended = await endRunningWindows(tx, environment, release, at);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new LockHeldError(environment);
    throw error;
  }
  await announceEndedWindows(deps, ended);
}
