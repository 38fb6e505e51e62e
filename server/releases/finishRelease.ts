import type { ReleaseGatewayResult } from '../../core/api/release';
import { appendAuditEvents } from '../audit/appendAuditEvent';
import { setActiveVersionStatement } from '../environments/environmentStore';
import type { ServiceDeps } from '../serviceDeps';
import { openVerificationWindow } from '../verification/verificationWindows';
import { deploymentCompletedEvents } from './releaseAudit';
import { findRelease, type ReleaseRecord } from './releaseStore';
import { environmentLock } from './takeLock';

/** How a release ended, and what it did on each gateway (unknown when recovery decides it: then none are given). */
export type ReleaseOutcome = ({ status: 'succeeded' } | { status: 'failed'; reason: string }) & { gateways?: ReleaseGatewayResult[] };

/**
 * Records a release's end in one write transaction: its status (only if still in progress, so a release is
 * finished once even when recovery races the owner), the environment's active version on success, and the
 * `deployment.completed` (and for rollbacks `rollback.executed`) audit events, and on success the verification
 * window when the environment watches metrics. Returns false if it was already finished.
 */
export async function finishRelease(deps: ServiceDeps, record: ReleaseRecord, outcome: ReleaseOutcome): Promise<boolean> {
  const { release } = record;
  const at = deps.clock();
  const reason = outcome.status === 'failed' ? outcome.reason : null;
  const durationMs = release.startedAt ? at.getTime() - Date.parse(release.startedAt) : 0;
  const finished = await deps.db.transaction(async (tx) => {
    // Serialised with the lock taking of the environment's next release, which reads the active version.
    await tx.lock(environmentLock(release.environment));
    const updated = await tx.execute({
      sql: `UPDATE releases SET status = ?, reason = ?, finished_at = ?, gateway_results = ? WHERE id = ? AND status = 'in-progress'`,
      args: [outcome.status, reason, at.toISOString(), outcome.gateways ? JSON.stringify(outcome.gateways) : null, release.id],
    });
    if (updated.rowsAffected === 0) return false;
    if (outcome.status === 'succeeded') {
      await tx.execute(setActiveVersionStatement(release.environment, release.version, release.id));
      await openVerificationWindow(tx, release, at);
    }
    const subject = { ...release, requestedBy: { id: record.requestedById, name: release.requestedBy }, note: record.note };
    await appendAuditEvents(tx, await deploymentCompletedEvents(tx, subject, outcome, durationMs), at);
    return true;
  });
  if (!finished) return false;
  deps.metrics.deployments.inc({ environment: release.environment, outcome: outcome.status });
  deps.metrics.deployDuration.observe({ environment: release.environment, outcome: outcome.status }, durationMs / 1000);
  const current = await findRelease(deps.db, release.id);
  if (current) await deps.events.publish({ type: 'release.updated', data: current.release });
  if (outcome.status === 'succeeded') {
    await deps.events.publish({ type: 'environment.updated', data: { name: release.environment, activeVersion: release.version } });
  }
  return true;
}
