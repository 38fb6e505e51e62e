import type { Approval, ApprovalDecisionRequest } from '../../core/api/approval';
import { refuseDecision, type ApprovalRefusal, type ApprovalState } from '../../core/approvals/decideApproval';
import { evaluateApprovals } from '../../core/gates/approvalsGate';
import { describeGateChanges, type GateChange } from '../../core/gates/gateChanges';
import { verdictOf } from '../../core/gates/gateResult';
import type { AuthUser } from '../appEnv';
import { appendAuditEvents } from '../audit/appendAuditEvent';
import { auditEventInput } from '../audit/auditActions';
import { ConflictError, ForbiddenError, foundOr404 } from '../errors';
import { recheckGates } from '../releases/recheckGates';
import { findRelease, type ReleaseRecord } from '../releases/releaseStore';
import { publishRelease, startIfLockFree } from '../releases/startRelease';
import type { ServiceDeps } from '../serviceDeps';
import { isUniqueViolation } from '../store/constraintErrors';
import { approvalLock, decisionsOf, findApprovalRequests, insertDecision, type ApprovalRequest, type StoredDecision } from './approvalStore';
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
 * frees. Refusals: 403 `self_approval` / `not_reviewer`, 409 `already_decided` / `approval_closed`, and 409
 * `gates_changed` for an approval of a release whose gates no longer pass (a rejection is always taken). Each
 * decision records the version's content hash and the gate verdicts it was given on.
 */
export async function recordDecision(deps: ServiceDeps, user: AuthUser, releaseId: string, request: ApprovalDecisionRequest): Promise<Approval> {
  const { record, request: process } = await findApprovalProcess(deps, releaseId);
  // What the decision is given on; an approval of a release whose gates no longer pass is refused.
  const recheck = record.release.status === 'pending' ? await recheckGates(deps, record) : null;
  const at = deps.clock();
  const decision: StoredDecision = {
    userId: user.id,
    userName: user.name,
    decision: request.decision,
    comment: request.comment || null,
    at: at.toISOString(),
    contentHash: recheck?.contentHash ?? null,
    gates: recheck?.gates.map(verdictOf) ?? null,
  };
  const changes = request.decision === 'approve' ? (recheck?.changes ?? []) : [];
  const written = await writeDecision(deps, record, process, user, decision, changes);
  if ('changes' in written) {
    throw new ConflictError(
      'gates_changed',
      `the gates changed since the release was requested: ${describeGateChanges(written.changes)}; it can be approved once they pass again`,
      {
        changes: written.changes,
        gates: recheck?.gates ?? [],
      },
    );
  }
  if ('refusal' in written) {
    // A decision arriving after the deadline finds the release expired even before the sweeper's next pass.
    if (written.refusal.code === 'approval_closed' && written.refusal.state === 'expired') await expireApproval(deps, releaseId);
    throw refusalError(written.refusal);
  }
  if (written.state === 'approved' && !(await startIfLockFree(deps, releaseId))) {
    deps.logger.info({ releaseId }, 'approved release not started here: its environment lock is held, or it already started');
  }
  await deps.events.publish({ type: 'approval.updated', data: { releaseId, state: written.state, environment: record.release.environment } });
  await publishRelease(deps, releaseId);
  const updated = foundOr404(await findRelease(deps.db, releaseId), 'release', releaseId);
  return approvalView(updated, process, await decisionsOf(deps.db, releaseId), user, deps.clock());
}

/** What writing a decision came to: its approval state, a refusal, or the gates that no longer pass (an approval is then refused). */
type WrittenDecision = { refusal: ApprovalRefusal } | { changes: readonly GateChange[] } | { state: ApprovalState };

/** The decision, the release's approval state and the audit event in one write transaction, or why it is refused. */
async function writeDecision(
  deps: ServiceDeps,
  record: ReleaseRecord,
  process: ApprovalRequest,
  user: AuthUser,
  decision: StoredDecision,
  changes: readonly GateChange[],
): Promise<WrittenDecision> {
  const releaseId = record.release.id;
  const at = new Date(decision.at);
  try {
    return await deps.db.transaction<WrittenDecision>(async (tx) => {
      // Decisions on one release are counted one at a time in every process: read after taking the lock, a
      // concurrent decision or the sweeper may have closed the process meanwhile.
      await tx.lock(approvalLock(releaseId));
      const current = await tx.execute({ sql: 'SELECT approval FROM releases WHERE id = ?', args: [releaseId] });
      const stored = String(current.rows[0]?.approval) as ApprovalState;
      const decisions = await decisionsOf(tx, releaseId);
      const refusal =
        stored === 'waiting'
          ? refuseDecision(process.policy, record.requestedById, decisions, user, at, new Date(record.release.requestedAt))
          : { code: 'approval_closed' as const, state: stored, message: `this release is no longer waiting for approval (${stored})` };
      if (refusal) return { refusal };
      if (changes.length > 0) return { changes };
      await insertDecision(tx, releaseId, decision);
      const outcome = approvalOutcome(record, process, [...decisions, decision], at);
      if (outcome.state === 'rejected') {
        await tx.execute({
          sql: `UPDATE releases SET status = 'failed', approval = 'rejected', reason = ?, finished_at = ? WHERE id = ? AND status = 'pending'`,
          args: [evaluateApprovals(namedOutcome(outcome, [...decisions, decision])).reason, decision.at, releaseId],
        });
      } else if (outcome.state === 'approved') {
        await tx.execute({ sql: `UPDATE releases SET approval = 'approved' WHERE id = ?`, args: [releaseId] });
      }
      await appendAuditEvents(
        tx,
        [
          auditEventInput({
            actor: user.name,
            action: decision.decision === 'approve' ? 'approval.granted' : 'approval.denied',
            environment: record.release.environment,
            version: record.release.version,
            releaseId,
            outcome: outcome.state,
            details: {
              comment: decision.comment ?? null,
              required: outcome.required,
              count: outcome.approvals,
              contentHash: decision.contentHash,
              gates: decision.gates,
            },
          }),
        ],
        at,
      );
      return { state: outcome.state };
    });
  } catch (error) {
    // The primary key (release, user) still refuses a second decision that raced past the check.
    if (isUniqueViolation(error)) throw new ConflictError('already_decided', 'you have already decided on this release');
    throw error;
  }
}
