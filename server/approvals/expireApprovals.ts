import { evaluateApprovals } from '../../core/gates/approvalsGate';
import { appendAuditEvents } from '../audit/appendAuditEvent';
import { auditEventInput } from '../audit/auditActions';
import { findRelease } from '../releases/releaseStore';
import { publishRelease, startApprovedReleases } from '../releases/startRelease';
import type { ServiceDeps } from '../serviceDeps';
import { approvalLock, decisionsOf, findApprovalRequests, overdueApprovals } from './approvalStore';
import { approvalOutcome, namedOutcome } from './approvalView';

/** What one sweep did. */
export interface ApprovalSweep {
  /** Releases whose approval expired: now failed, approval `expired`. */
  expired: string[];
  /** Approved releases that were waiting for their environment's lock and have now started. */
  started: string[];
}

/**
 * Expires one release whose approval deadline has passed (by the injected clock): in one write transaction it
 * fails the release with approval `expired` and appends `approval.expired` (actor `system`). Returns false
 * when the release is not (or no longer) waiting past its deadline.
 */
export async function expireApproval(deps: ServiceDeps, releaseId: string): Promise<boolean> {
  const record = await findRelease(deps.db, releaseId);
  const request = (await findApprovalRequests(deps.db, [releaseId])).get(releaseId);
  if (!record || !request) return false;
  const at = deps.clock();
  const expired = await deps.db.transaction(async (tx) => {
    await tx.lock(approvalLock(releaseId));
    const decisions = await decisionsOf(tx, releaseId);
    const outcome = approvalOutcome(record, request, decisions, at);
    if (outcome.state !== 'expired') return false;
    // The claim: of the sweepers of every replica, only the one whose update changes the row expires it.
    const updated = await tx.execute({
      sql: `UPDATE releases SET status = 'failed', approval = 'expired', reason = ?, finished_at = ?
            WHERE id = ? AND status = 'pending' AND approval = 'waiting'`,
      args: [evaluateApprovals(namedOutcome(outcome, decisions)).reason, at.toISOString(), releaseId],
    });
    if (updated.rowsAffected === 0) return false;
    await appendAuditEvents(
      tx,
      [
        auditEventInput({
          actor: 'system',
          action: 'approval.expired',
          environment: record.release.environment,
          version: record.release.version,
          releaseId,
          outcome: 'expired',
          details: { required: outcome.required, count: outcome.approvals, deadline: outcome.deadline },
        }),
      ],
      at,
    );
    return true;
  });
  if (!expired) return false;
  await deps.events.publish({ type: 'approval.updated', data: { releaseId, state: 'expired', environment: record.release.environment } });
  await publishRelease(deps, releaseId);
  return true;
}

/**
 * One sweep: expires every approval past its deadline and starts approved releases whose environment lock has
 * freed. The background sweeper calls it on an interval; tests call it directly after moving the clock.
 */
export async function expireOverdueApprovals(deps: ServiceDeps): Promise<ApprovalSweep> {
  const expired: string[] = [];
  for (const releaseId of await overdueApprovals(deps.db, deps.clock())) {
    if (await expireApproval(deps, releaseId)) expired.push(releaseId);
  }
  return { expired, started: await startApprovedReleases(deps) };
}
