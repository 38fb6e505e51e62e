import { describeGateChanges } from '../../core/gates/gateChanges';
import { appendAuditEvents } from '../audit/appendAuditEvent';
import { auditEventInput } from '../audit/auditActions';
import type { GateRecheck } from '../releases/recheckGates';
import type { ReleaseRecord } from '../releases/releaseStore';
import type { ServiceDeps } from '../serviceDeps';
import { approvalLock, decisionsOf, invalidateDecisions, type ApprovalRequest } from './approvalStore';

/** Why the approvals of a release no longer hold, in words: the gates that changed, or the version's content. */
export function invalidationReason(recheck: GateRecheck, approvedHashes: readonly (string | null)[]): string {
  const content = approvedHashes.some((hash) => hash !== null && hash !== recheck.contentHash)
    ? [`the version's content is not what was approved (now ${recheck.contentHash.slice(0, 12)})`]
    : [];
  const gates = recheck.changes.length > 0 ? [`gates changed after approval: ${describeGateChanges(recheck.changes)}`] : [];
  return [...gates, ...content].join('; ');
}

/**
 * Invalidates the approvals of an approved release that has not started, because what they were given on no
 * longer holds. In one write transaction, under the release's approval lock: its decisions move to
 * `invalidated_approvals` with the reason, the release waits for approvals again (policy `reapprove`) or fails
 * (`fail`), and `approval.invalidated` (actor `system`) records why. Returns false when the release is no longer
 * approved and pending (another process started or invalidated it first). The caller announces the release.
 */
export async function invalidateApprovals(deps: ServiceDeps, record: ReleaseRecord, process: ApprovalRequest, recheck: GateRecheck, reason: string): Promise<boolean> {
  const { release } = record;
  const at = deps.clock();
  const onGateChange = process.policy.onGateChange;
  const invalidated = await deps.db.transaction(async (tx) => {
    await tx.lock(approvalLock(release.id));
    const decisions = await decisionsOf(tx, release.id);
    const updated =
      onGateChange === 'reapprove'
        ? await tx.execute({ sql: `UPDATE releases SET approval = 'waiting' WHERE id = ? AND status = 'pending' AND approval = 'approved'`, args: [release.id] })
        : await tx.execute({
            sql: `UPDATE releases SET status = 'failed', approval = 'rejected', reason = ?, finished_at = ? WHERE id = ? AND status = 'pending' AND approval = 'approved'`,
            args: [`approvals invalidated: ${reason}`, at.toISOString(), release.id],
          });
    if (updated.rowsAffected === 0) return false;
    await invalidateDecisions(tx, release.id, at, reason);
    await appendAuditEvents(
      tx,
      [
        auditEventInput({
          actor: 'system',
          action: 'approval.invalidated',
          environment: release.environment,
          version: release.version,
          releaseId: release.id,
          outcome: onGateChange === 'reapprove' ? 'waiting' : 'failed',
          details: {
            reason,
            changes: recheck.changes,
            contentHash: recheck.contentHash,
            onGateChange,
            invalidated: decisions.map((decision) => ({ user: decision.userName, decision: decision.decision, at: decision.at, contentHash: decision.contentHash })),
          },
        }),
      ],
      at,
    );
    return true;
  });
  if (!invalidated) return false;
  deps.logger.warn({ releaseId: release.id, environment: release.environment, reason, onGateChange }, 'approvals invalidated: what they were given on changed');
  const state = onGateChange === 'reapprove' ? 'waiting' : 'rejected';
  await deps.events.publish({ type: 'approval.updated', data: { releaseId: release.id, state, environment: release.environment } });
  return true;
}
