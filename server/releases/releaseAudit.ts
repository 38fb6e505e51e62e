import type { ApprovalPolicy } from '../../core/approvals/approvalPolicy';
import type { FreezeWindow } from '../../core/gates/freezeWindows';
import type { GateResult } from '../../core/gates/gateResult';
import { auditEventInput, type AuditAction, type AuditDetails } from '../audit/auditActions';
import type { AuditEventInput } from '../audit/auditEvent';
import type { Transaction } from '../store/database';
import type { ReleaseOutcome } from './finishRelease';
import type { NewRelease } from './releaseStore';

/*
 * The audit events of a release's lifecycle, each built to its contract in server/audit/auditActions.ts. The
 * callers append them inside the write transaction of the state change they record.
 */

type ReleaseSubject = Pick<NewRelease, 'id' | 'version' | 'environment' | 'kind' | 'requestedBy'>;

/** An event about `release`, acted by its requester. */
function byRequester<Action extends AuditAction>(release: ReleaseSubject, action: Action, outcome: string, details: AuditDetails<Action>): AuditEventInput {
  return auditEventInput<Action>({
    actor: release.requestedBy.name,
    action,
    environment: release.environment,
    version: release.version,
    releaseId: release.id,
    outcome,
    details,
  });
}

/** `release.requested`: accepted (stored) or refused by a gate (not stored, so no release id). */
export function releaseRequestedEvent(
  release: ReleaseSubject,
  gates: readonly GateResult[],
  answer: { outcome: 'accepted'; approval: 'not-required' | 'waiting' } | { outcome: 'refused' },
  breakGlassReason: string | null,
): AuditEventInput {
  const event = byRequester(release, 'release.requested', answer.outcome, {
    kind: release.kind,
    gates: gates.map(({ gate, passed, reason }) => ({ gate, passed, reason })),
    approval: answer.outcome === 'accepted' ? answer.approval : 'not-required',
    breakGlass: breakGlassReason === null ? null : { reason: breakGlassReason },
  });
  // A refused release is never stored, so the event names no release.
  return answer.outcome === 'refused' ? { ...event, releaseId: null } : event;
}

/** `freeze.overridden`: an admin's break-glass release during a freeze window. */
export function freezeOverriddenEvent(release: ReleaseSubject, reason: string, window: FreezeWindow): AuditEventInput {
  return byRequester(release, 'freeze.overridden', 'overridden', { reason, window });
}

/** `approval.requested`: the release waits for reviewers under `policy` until `deadline`. */
export function approvalRequestedEvent(release: ReleaseSubject, policy: ApprovalPolicy, deadline: Date): AuditEventInput {
  const { reviewers, required, timeoutMinutes } = policy;
  return byRequester(release, 'approval.requested', 'waiting', { reviewers, required, timeoutMinutes, deadline: deadline.toISOString() });
}

/** `deployment.started`: the release took the environment's lock. */
export async function deploymentStartedEvent(tx: Transaction, release: ReleaseSubject, previousVersion: string | null): Promise<AuditEventInput> {
  const count = await tx.execute({ sql: 'SELECT COUNT(*) AS n FROM version_artifacts WHERE tag = ?', args: [release.version] });
  return byRequester(release, 'deployment.started', 'in-progress', {
    kind: release.kind,
    previousVersion,
    artifactCount: Number(count.rows[0]?.n ?? 0),
  });
}

/** `deployment.completed`, and for a rollback `rollback.executed` beside it. */
export async function deploymentCompletedEvents(
  tx: Transaction,
  release: ReleaseSubject & { previousVersion: string | null; note: string | null },
  outcome: ReleaseOutcome,
  durationMs: number,
): Promise<AuditEventInput[]> {
  const artifacts = await tx.execute({
    sql: 'SELECT kind, name, hash FROM version_artifacts WHERE tag = ? ORDER BY position',
    args: [release.version],
  });
  const completed = byRequester(release, 'deployment.completed', outcome.status, {
    kind: release.kind,
    durationMs,
    artifacts: artifacts.rows.map((row) => ({ kind: String(row.kind), name: String(row.name), hash: String(row.hash) })),
    previousVersion: release.previousVersion,
    ...(outcome.status === 'failed' ? { error: outcome.reason } : {}),
  });
  if (release.kind !== 'rollback') return [completed];
  return [
    completed,
    byRequester(release, 'rollback.executed', outcome.status, {
      reason: release.note,
      restoredVersion: release.version,
      fromVersion: release.previousVersion,
    }),
  ];
}
