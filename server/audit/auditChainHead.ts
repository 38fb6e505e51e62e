import type { Queryable } from '../store/database';

/** The newest event of the chain: a report or an export names it to say exactly which log it covers. */
export interface ChainHead {
  seq: number;
  hash: string;
  at: string;
}

/** The chain head, or null for an empty log. */
export async function auditChainHead(db: Queryable): Promise<ChainHead | null> {
  const result = await db.execute('SELECT seq, hash, at FROM audit_events ORDER BY seq DESC LIMIT 1');
  const row = result.rows[0];
  return row ? { seq: Number(row.seq), hash: String(row.hash), at: String(row.at) } : null;
}
