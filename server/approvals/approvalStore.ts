import type { ApprovalPolicy, GateChangePolicy } from '../../core/approvals/approvalPolicy';
import type { ApprovalDecision } from '../../core/approvals/decideApproval';
import type { GateVerdict } from '../../core/gates/gateResult';
import type { Queryable, Transaction } from '../store/database';
import { placeholderList } from '../store/placeholders';

/** A release's approval process as stored: the policy it was requested under and when it expires. */
export interface ApprovalRequest {
  releaseId: string;
  policy: ApprovalPolicy;
  expiresAt: string;
}

/**
 * A recorded decision with the reviewer's name (decisions count by user id, reasons name the user), bound to the
 * version's content hash and the gate verdicts it was given on (null for decisions recorded before they were kept).
 */
export interface StoredDecision extends ApprovalDecision {
  userName: string;
  contentHash: string | null;
  gates: GateVerdict[] | null;
}

/**
 * The lock scope of a release's approval process: decisions and the expiry of one release are decided one at
 * a time in every process, each seeing the ones before it.
 */
export function approvalLock(releaseId: string): string {
  return `approval:${releaseId}`;
}

/** Stores the approval process of a release that starts waiting (inside the caller's write transaction). */
export async function insertApprovalRequest(tx: Transaction, releaseId: string, policy: ApprovalPolicy, expiresAt: Date): Promise<void> {
  await tx.execute({
    sql: 'INSERT INTO release_approval_requests (release_id, reviewers, required, timeout_minutes, on_gate_change, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    args: [releaseId, JSON.stringify(policy.reviewers), policy.required, policy.timeoutMinutes, policy.onGateChange, expiresAt.toISOString()],
  });
}

/** The approval processes of some releases, by release id. */
export async function findApprovalRequests(db: Queryable, releaseIds: readonly string[]): Promise<Map<string, ApprovalRequest>> {
  const found = new Map<string, ApprovalRequest>();
  if (releaseIds.length === 0) return found;
  const result = await db.execute({
    sql: `SELECT release_id, reviewers, required, timeout_minutes, on_gate_change, expires_at FROM release_approval_requests
          WHERE release_id IN (${placeholderList(releaseIds.length)})`,
    args: [...releaseIds],
  });
  for (const row of result.rows) {
    found.set(String(row.release_id), {
      releaseId: String(row.release_id),
      policy: {
        reviewers: JSON.parse(String(row.reviewers)) as ApprovalPolicy['reviewers'],
        required: Number(row.required),
        timeoutMinutes: Number(row.timeout_minutes),
        onGateChange: String(row.on_gate_change) as GateChangePolicy,
      },
      expiresAt: String(row.expires_at),
    });
  }
  return found;
}

/** Every decision recorded on a release, oldest first. */
export async function decisionsOf(db: Queryable, releaseId: string): Promise<StoredDecision[]> {
  const result = await db.execute({
    sql: 'SELECT user_id, user_name, decision, comment, at, content_hash, gates FROM release_approvals WHERE release_id = ? ORDER BY at, seq',
    args: [releaseId],
  });
  return result.rows.map((row) => ({
    userId: String(row.user_id),
    userName: String(row.user_name),
    decision: String(row.decision) as StoredDecision['decision'],
    comment: row.comment === null ? null : String(row.comment),
    at: String(row.at),
    contentHash: row.content_hash === null ? null : String(row.content_hash),
    gates: row.gates === null ? null : (JSON.parse(String(row.gates)) as StoredDecision['gates']),
  }));
}

/** Records one reviewer's decision; the primary key (release, user) makes a second one a unique violation. */
export async function insertDecision(tx: Transaction, releaseId: string, decision: StoredDecision): Promise<void> {
  await tx.execute({
    sql: 'INSERT INTO release_approvals (release_id, user_id, user_name, decision, comment, at, content_hash, gates) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    args: [
      releaseId,
      decision.userId,
      decision.userName,
      decision.decision,
      decision.comment ?? null,
      decision.at,
      decision.contentHash,
      decision.gates === null ? null : JSON.stringify(decision.gates),
    ],
  });
}

/**
 * Moves the decisions that count on a release into `invalidated_approvals` with the reason (inside the caller's
 * write transaction, under the release's approval lock): they no longer count, and each reviewer may decide again.
 */
export async function invalidateDecisions(tx: Transaction, releaseId: string, at: Date, reason: string): Promise<void> {
  await tx.execute({
    sql: `INSERT INTO invalidated_approvals (release_id, user_id, user_name, decision, comment, at, content_hash, gates, invalidated_at, reason)
          SELECT release_id, user_id, user_name, decision, comment, at, content_hash, gates, ?, ? FROM release_approvals WHERE release_id = ? ORDER BY seq`,
    args: [at.toISOString(), reason, releaseId],
  });
  await tx.execute({ sql: 'DELETE FROM release_approvals WHERE release_id = ?', args: [releaseId] });
}

/** Releases still waiting for approval whose process expired at or before `now`. */
export async function overdueApprovals(db: Queryable, now: Date): Promise<string[]> {
  const result = await db.execute({
    sql: `SELECT a.release_id FROM release_approval_requests a JOIN releases r ON r.id = a.release_id
          WHERE a.expires_at <= ? AND r.status = 'pending' AND r.approval = 'waiting' ORDER BY a.expires_at`,
    args: [now.toISOString()],
  });
  return result.rows.map((row) => String(row.release_id));
}
