import type { Approval, ApprovalDecisionRequest } from '../../core/api/approval';
import { refuseDecision, type ApprovalRefusal, type ApprovalState } from '../../core/approvals/decideApproval';
import { evaluateApprovals } from '../../core/gates/approvalsGate';
import type { AuthUser } from '../appEnv';
import { appendAuditEvents } from '../audit/appendAuditEvent';
import { auditEventInput } from '../audit/auditActions';
import { ConflictError, ForbiddenError, LockHeldError, foundOr404 } from '../errors';
import { findRelease, type ReleaseRecord } from '../releases/releaseStore';
import { publishRelease, startRelease } from '../releases/startRelease';
import type { ServiceDeps } from '../serviceDeps';
import { isUniqueViolation } from '../store/constraintErrors';
import { decisionsOf, findApprovalRequests, insertDecision, type ApprovalRequest, type StoredDecision } from './approvalStore';
import { approvalOutcome, approvalView, namedOutcome } from './approvalView';
import { expireApproval } from './expireApprovals';

/** A release with an approval process, or 404 (unknown release) / 409 `approval_closed` (it needs no approval). */
export async function findApprovalProcess(deps: ServiceDeps, releaseId: string): Promise<{ record: ReleaseRecord; request: ApprovalRequest }> {
  const record = foundOr404(await findRelease(deps.db, releaseId), 'release', releaseId);
  const request = (await findApprovalRequests(deps.db, [releaseId])).get(releaseId);
  if (!request) {
    throw new ConflictError('approval_closed', `release ${releaseId} needs no approval (approval ${record.release.approval})`, {
      state: record.release.approval,
    });
  }
  return { record, request };
}

/** The refusal as the API answers it: 403 for who the user is, 409 for the state of the approval. */
export function refusalError(refusal: ApprovalRefusal): ForbiddenError | ConflictError {
  if (refusal.code === 'self_approval' || refusal.code === 'not_reviewer') return new ForbiddenError(refusal.message, refusal.code);
  return new ConflictError(refusal.code, refusal.message, refusal.code === 'approval_closed' ? { state: refusal.state } : {});
}

/**
 * Records a reviewer's decision (PRODUCT.md §7). In one write transaction: the decision, the release's new
 * approval state (the first rejection fails it, reaching the required count approves it) and the
 * `approval.granted` / `approval.denied` event. An approved release then takes its environment's lock and
 * runs; if another release of the environment is running it stays pending (approved) and starts when the lock
 * frees. Refusals: 403 `self_approval` / `not_reviewer`, 409 `already_decided` / `approval_closed`.
 */
export async function recordDecision(deps: ServiceDeps, user: AuthUser, releaseId: string, request: ApprovalDecisionRequest): Promise<Approval> {
  const { record, request: process } = await findApprovalProcess(deps, releaseId);
  const at = deps.clock();
  const requestedAt = new Date(record.release.requestedAt);
  const decision: StoredDecision = {
    userId: user.id, userName: user.name, decision: request.decision, comment: request.comment || null, at: at.toISOString(),
  };
  let state: string;
  const tx = await deps.db.transaction('write');
  try {
    const current = await tx.execute({ sql: 'SELECT approval FROM releases WHERE id = ?', args: [releaseId] });
    const stored = String(current.rows[0]?.approval) as ApprovalState;
    const decisions = await decisionsOf(tx, releaseId);
    const refusal: ApprovalRefusal | null = stored === 'waiting'
      ? refuseDecision(process.policy, record.requestedById, decisions, user, at, requestedAt)
      : { code: 'approval_closed', state: stored, message: `this release is no longer waiting for approval (${stored})` };
    if (refusal) {
      await tx.rollback();
      // A decision arriving after the deadline finds the release expired even before the sweeper's next pass.
      if (refusal.code === 'approval_closed' && refusal.state === 'expired') await expireApproval(deps, releaseId);
      throw refusalError(refusal);
    }
    await insertDecision(tx, releaseId, decision);
    const outcome = approvalOutcome(record, process, [...decisions, decision], at);
    state = outcome.state;
    if (outcome.state === 'rejected') {
      await tx.execute({
        sql: `UPDATE releases SET status = 'failed', approval = 'rejected', reason = ?, finished_at = ? WHERE id = ?`,
        args: [evaluateApprovals(namedOutcome(outcome, [...decisions, decision])).reason, at.toISOString(), releaseId],
      });
    } else if (outcome.state === 'approved') {
      await tx.execute({ sql: `UPDATE releases SET approval = 'approved' WHERE id = ?`, args: [releaseId] });
    }
    await appendAuditEvents(tx, [auditEventInput({
      actor: user.name,
      action: request.decision === 'approve' ? 'approval.granted' : 'approval.denied',
      environment: record.release.environment,
      version: record.release.version,
      releaseId,
      outcome: outcome.state,
      details: { comment: decision.comment ?? null, required: outcome.required, count: outcome.approvals },
    })], at);
    await tx.commit();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('already_decided', 'you have already decided on this release');
    throw error;
  } finally {
    tx.close();
  }
  if (state === 'approved') await startWhenLockFree(deps, releaseId);
  deps.events.publish({ type: 'approval.updated', data: { releaseId, state, environment: record.release.environment } });
  await publishRelease(deps, releaseId);
  const updated = foundOr404(await findRelease(deps.db, releaseId), 'release', releaseId);
  return approvalView(updated, process, await decisionsOf(deps.db, releaseId), user, deps.clock());
}

/** Starts an approved release now, or leaves it pending when its environment's lock is held. */
async function startWhenLockFree(deps: ServiceDeps, releaseId: string): Promise<void> {
  try {
    await startRelease(deps, releaseId);
  } catch (error) {
    if (!(error instanceof LockHeldError)) throw error;
    deps.logger.info({ releaseId }, 'approved release waits for its environment lock');
  }
}
