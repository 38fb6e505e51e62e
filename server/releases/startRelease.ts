import type { Release } from '../../core/api/release';
import type { ApprovalPolicy } from '../../core/approvals/approvalPolicy';
import { approvalDeadline } from '../../core/approvals/decideApproval';
import { decisionsOf, findApprovalRequests, insertApprovalRequest } from '../approvals/approvalStore';
import { invalidateApprovals, invalidationReason } from '../approvals/invalidateApprovals';
import { appendAuditEvents } from '../audit/appendAuditEvent';
import type { AuditEventInput } from '../audit/auditEvent';
import { ConflictError, LockHeldError, NotFoundError, ReleasePendingError } from '../errors';
import type { ServiceDeps } from '../serviceDeps';
import { isUniqueViolation } from '../store/constraintErrors';
import { heldByFreeze } from './heldByFreeze';
import { approvalRequestedEvent } from './releaseAudit';
import { recheckGates } from './recheckGates';
import { findPendingRelease, findRelease, type NewRelease, type ReleaseRecord } from './releaseStore';
import { runRelease } from './runRelease';
import { claimRelease, releaseClaim } from './runningReleases';
import { insertStartedRelease, lockPendingRelease } from './takeLock';

/** Takes the lock for a new release (409 if held), records it with `requestEvents`, then runs it in the background. */
export async function startReleaseNow(deps: ServiceDeps, release: NewRelease, requestEvents: readonly AuditEventInput[]): Promise<Release> {
  const started = await lockAndRun(deps, release.id, async () => {
    await insertStartedRelease(deps, release, requestEvents);
    return true;
  });
  if (!started) throw new Error(`release ${release.id} did not start`);
  return started;
}

/**
 * Stores a release that waits for approval under `policy`: `pending`, approval `waiting`, not holding the lock,
 * with its approval process (deadline from the request time) and `requestEvents` then `approval.requested`,
 * all in one write transaction.
 */
export async function holdForApproval(deps: ServiceDeps, release: NewRelease, policy: ApprovalPolicy, requestEvents: readonly AuditEventInput[]): Promise<Release> {
  const deadline = approvalDeadline(policy, release.requestedAt);
  try {
    await deps.db.transaction(async (tx) => {
      await tx.execute({
        sql: `INSERT INTO releases (id, version, environment, kind, status, approval, requested_by, requested_by_id, requested_at, gates, note)
              VALUES (?, ?, ?, ?, 'pending', 'waiting', ?, ?, ?, ?, ?)`,
        args: [
          release.id,
          release.version,
          release.environment,
          release.kind,
          release.requestedBy.name,
          release.requestedBy.id,
          release.requestedAt.toISOString(),
          JSON.stringify(release.gates),
          release.note,
        ],
      });
      await insertApprovalRequest(tx, release.id, policy, deadline);
      await appendAuditEvents(tx, [...requestEvents, approvalRequestedEvent(release, policy, deadline)], release.requestedAt);
    });
  } catch (error) {
    // The unique index on pending releases: one of this version already waits here, in this process or another.
    if (isUniqueViolation(error)) throw await releasePendingError(deps, release);
    throw error;
  }
  await deps.events.publish({ type: 'approval.updated', data: { releaseId: release.id, state: 'waiting', environment: release.environment } });
  return publishRelease(deps, release.id);
}

/** The 409 naming the release of the same version that already waits in the environment. */
async function releasePendingError(deps: ServiceDeps, release: NewRelease): Promise<ReleasePendingError> {
  const pending = await findPendingRelease(deps.db, release.environment, release.version);
  return new ReleasePendingError(release.version, release.environment, pending);
}

/**
 * Starts a `pending` release once its approvals are complete: checks its gates again, takes the environment
 * lock, marks it approved, and runs it. 409 `lock_held` while another release of the environment runs; 409
 * `not_pending` when it is no longer pending; 409 `gates_changed` when a gate that passed for its approvals no
 * longer does (or the version's content is not what was approved): it is not deployed, its approvals are
 * invalidated, and it waits for approvals again or fails, as its policy says.
 */
export async function startRelease(deps: ServiceDeps, releaseId: string): Promise<Release> {
  const record = await findRelease(deps.db, releaseId);
  if (!record) throw new NotFoundError('release', releaseId);
  const { release } = record;
  if (release.status === 'pending') await refuseIfApprovalsNoLongerHold(deps, record);
  const started = await lockAndRun(deps, releaseId, () =>
    lockPendingRelease(deps, {
      id: release.id,
      version: release.version,
      environment: release.environment,
      kind: release.kind,
      requestedBy: { id: record.requestedById, name: release.requestedBy },
      requestedAt: new Date(release.requestedAt),
      gates: release.gates,
      note: record.note,
    }),
  );
  if (!started) throw new ConflictError('not_pending', `release ${releaseId} is ${release.status}, not pending`, { status: release.status });
  return started;
}

/**
 * Starts the approved releases that still wait for their environment's lock (approval completed while another
 * release ran), oldest first; one whose lock is still held stays pending for the next call.
 */
export async function startApprovedReleases(deps: ServiceDeps): Promise<string[]> {
  const waiting = await deps.db.execute(`SELECT id FROM releases WHERE status = 'pending' AND approval = 'approved' ORDER BY seq`);
  const started: string[] = [];
  for (const row of waiting.rows) {
    if (await startIfLockFree(deps, String(row.id))) started.push(String(row.id));
  }
  return started;
}

/**
 * Starts an approved release unless its environment is frozen or its lock is held (it stays pending for the
 * sweeper) or another caller started it first: the deciding request and the sweeper may race for the same release.
 */
export async function startIfLockFree(deps: ServiceDeps, releaseId: string): Promise<boolean> {
  const record = await findRelease(deps.db, releaseId);
  if (record && (await heldByFreeze(deps, record))) return false;
  try {
    await startRelease(deps, releaseId);
    return true;
  } catch (error) {
    if (error instanceof LockHeldError || (error instanceof ConflictError && (error.code === 'not_pending' || error.code === 'gates_changed'))) return false;
    throw error;
  }
}

/**
 * The check just before an approved release deploys: its gates evaluated again (against what is active now) and
 * the version's content hash, against the verdicts and hash its approvals were given on. On any change the
 * approvals are invalidated and the start is refused with 409 `gates_changed`.
 */
async function refuseIfApprovalsNoLongerHold(deps: ServiceDeps, record: ReleaseRecord): Promise<void> {
  const process = (await findApprovalRequests(deps.db, [record.release.id])).get(record.release.id);
  if (!process) return;
  const recheck = await recheckGates(deps, record);
  const approvedHashes = (await decisionsOf(deps.db, record.release.id)).map((decision) => decision.contentHash);
  const reason = invalidationReason(recheck, approvedHashes);
  if (reason === '') return;
  if (await invalidateApprovals(deps, record, process, recheck, reason)) await publishRelease(deps, record.release.id);
  throw new ConflictError('gates_changed', `release ${record.release.id} was not started: ${reason}`, { changes: recheck.changes });
}

/** Announces a release's current state on the event stream and returns it. */
export async function publishRelease(deps: ServiceDeps, releaseId: string): Promise<Release> {
  const record = await findRelease(deps.db, releaseId);
  if (!record) throw new Error(`release ${releaseId} vanished after it was written`);
  await deps.events.publish({ type: 'release.updated', data: record.release });
  return record.release;
}

/**
 * Claims the release for this process before `takeLock` runs (so recovery never mistakes it for abandoned),
 * then runs it in the background; null when `takeLock` reports the release was no longer pending (or not started).
 */
export async function lockAndRun(deps: ServiceDeps, releaseId: string, takeLock: () => Promise<boolean>): Promise<Release | null> {
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
