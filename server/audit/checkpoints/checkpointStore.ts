import type { Checkpoint } from '../../../core/api/audit';
import type { Page, PageQuery } from '../../../core/api/page';
import type { Queryable, Row, Transaction } from '../../store/database';
import { pageBySeq } from '../../store/pageBySeq';

const checkpointSelect = 'SELECT seq, hash, at, signed_at, key_id, signature FROM audit_checkpoints';

/** Reads a row selected with `checkpointSelect`. */
export function checkpointFromRow(row: Row): Checkpoint {
  return {
    seq: Number(row.seq),
    hash: String(row.hash),
    at: String(row.at),
    signedAt: String(row.signed_at),
    keyId: String(row.key_id),
    signature: String(row.signature),
  };
}

/** Stores a checkpoint unless one of that `seq` exists (the key decides between replicas); true when this one was stored. */
export async function insertCheckpoint(tx: Transaction, checkpoint: Checkpoint): Promise<boolean> {
  const inserted = await tx.execute({
    sql: `INSERT INTO audit_checkpoints (seq, hash, at, signed_at, key_id, signature) VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT (seq) DO NOTHING RETURNING seq`,
    args: [checkpoint.seq, checkpoint.hash, checkpoint.at, checkpoint.signedAt, checkpoint.keyId, checkpoint.signature],
  });
  return inserted.rows.length > 0;
}

/** The newest checkpoint, or null before the first. */
export async function latestCheckpoint(db: Queryable): Promise<Checkpoint | null> {
  const result = await db.execute(`${checkpointSelect} ORDER BY seq DESC LIMIT 1`);
  const row = result.rows[0];
  return row ? checkpointFromRow(row) : null;
}

/** One page of checkpoints, newest first (`GET /api/audit/checkpoints`). */
export async function listCheckpoints(db: Queryable, query: PageQuery): Promise<Page<Checkpoint>> {
  const page = await pageBySeq(db, checkpointSelect, [], query);
  return { items: page.rows.map(checkpointFromRow), nextCursor: page.nextCursor };
}

/** Every stored checkpoint, oldest first. */
export async function allCheckpoints(db: Queryable): Promise<Checkpoint[]> {
  const result = await db.execute(`${checkpointSelect} ORDER BY seq`);
  return result.rows.map(checkpointFromRow);
}

/** The stored checkpoints an anchor has not taken yet (never recorded there, or failed), oldest first, at most `limit`. */
export async function checkpointsToAnchor(db: Queryable, anchor: string, limit: number): Promise<Checkpoint[]> {
  const result = await db.execute({
    sql: `SELECT c.seq, c.hash, c.at, c.signed_at, c.key_id, c.signature FROM audit_checkpoints c
          LEFT JOIN audit_anchorings a ON a.anchor = ? AND a.seq = c.seq
          WHERE a.state IS NULL OR a.state = 'failed' ORDER BY c.seq LIMIT ?`,
    args: [anchor, limit],
  });
  return result.rows.map(checkpointFromRow);
}

/** Records how anchoring `seqs` at `anchor` went. */
export async function recordAnchoring(
  tx: Transaction,
  anchor: string,
  seqs: readonly number[],
  outcome: { state: 'anchored' | 'failed'; detail: string | null },
  at: Date,
): Promise<void> {
  for (const seq of seqs) {
    await tx.execute({
      sql: `INSERT INTO audit_anchorings (anchor, seq, state, detail, updated_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (anchor, seq) DO UPDATE SET state = excluded.state, detail = excluded.detail, updated_at = excluded.updated_at`,
      args: [anchor, seq, outcome.state, outcome.detail, at.toISOString()],
    });
  }
}

/** Per anchor: how many checkpoints were recorded anchored, failed, and the latest failure's detail. */
export async function anchoringSummary(db: Queryable, anchor: string): Promise<{ anchored: number; failed: number; lastFailure: string | null }> {
  const counts = await db.execute({
    sql: `SELECT COALESCE(SUM(CASE WHEN state = 'anchored' THEN 1 ELSE 0 END), 0) AS anchored,
                 COALESCE(SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END), 0) AS failed
          FROM audit_anchorings WHERE anchor = ?`,
    args: [anchor],
  });
  const failure = await db.execute({
    sql: "SELECT detail FROM audit_anchorings WHERE anchor = ? AND state = 'failed' ORDER BY updated_at DESC, seq DESC LIMIT 1",
    args: [anchor],
  });
  const row = counts.rows[0];
  return { anchored: Number(row?.anchored ?? 0), failed: Number(row?.failed ?? 0), lastFailure: failure.rows[0] ? String(failure.rows[0].detail) : null };
}
