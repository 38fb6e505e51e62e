import type { ChainVerification } from '../../core/api/audit';
import { createChainCheck, type ChainCheckResult, type ChainStart, type HeadStatement } from '../../core/audit/chainCheck';
import { canonicalEventText, eventDigest } from '../../core/audit/eventText';
import type { Database, Queryable, SqlValue } from '../store/database';
import { auditEventSelect, storedAuditEvent } from './auditRow';
import { canonicalEventSql } from './canonicalEventSql';

/** What a check of the stored chain found, with the broken event's id and the head's time read back. */
export interface StoredChainCheck<Checkpoint extends HeadStatement> extends Omit<ChainCheckResult<Checkpoint>, 'brokenAt' | 'head'> {
  brokenAt?: NonNullable<ChainVerification['brokenAt']>;
  head: { seq: number; hash: string; at: string } | null;
}

/**
 * Checks the stored chain in one streamed read from one snapshot: each row's canonical text is built by the
 * database and hashed here, so a million events take seconds. A digest that misses the stored hash is
 * re-checked from the row's columns before anything is reported. `checkpoints` (signatures already checked) must
 * still be on the chain; `start` begins after a trusted checkpoint instead of at the first event.
 */
export async function checkStoredChain<Checkpoint extends HeadStatement>(
  db: Database,
  checkpoints: readonly Checkpoint[] = [],
  start?: ChainStart,
): Promise<StoredChainCheck<Checkpoint>> {
  const check = createChainCheck(checkpoints, start);
  const rows = db.scan({
    sql: `SELECT seq, ${canonicalEventSql(db.engine)}, prev_hash, hash FROM audit_events WHERE seq > ? ORDER BY seq`,
    args: [start?.seq ?? Number.MIN_SAFE_INTEGER],
  });
  for await (const batch of rows) {
    for (const [seq, text, prevHash, hash] of batch as [number, SqlValue, SqlValue, SqlValue][]) {
      const intact = eventDigest(String(text)) === hash || (await storedRowIntact(db, seq));
      check.accept({ seq, prevHash: String(prevHash), hash: String(hash), intact });
    }
  }
  const { brokenAt, head, ...result } = check.result();
  return {
    ...result,
    ...(brokenAt ? { brokenAt: { id: await eventId(db, brokenAt.seq), ...brokenAt } } : {}),
    head: head ? { ...head, at: await eventTime(db, head.seq) } : null,
  };
}

/**
 * Recomputes every event's hash and its link to the previous event: `{ok, count, brokenAt?}` for the chain
 * alone, without checkpoints (see server/audit/checkpoints/verifyAuditTrail.ts for those).
 */
export async function verifyAuditChain(db: Database): Promise<ChainVerification> {
  const { ok, count, brokenAt } = await checkStoredChain(db);
  return brokenAt ? { ok, count, brokenAt } : { ok, count };
}

/** The slow path: the row's hash recomputed from its columns exactly as stored (details as their stored text). */
async function storedRowIntact(db: Queryable, seq: number): Promise<boolean> {
  const result = await db.execute({ sql: `SELECT ${auditEventSelect} FROM audit_events WHERE seq = ?`, args: [seq] });
  const row = result.rows[0];
  if (!row) return false;
  const { event, detailsText } = storedAuditEvent(row);
  return eventDigest(canonicalEventText(event, detailsText)) === event.hash;
}

async function eventId(db: Queryable, seq: number): Promise<string> {
  const result = await db.execute({ sql: 'SELECT id FROM audit_events WHERE seq = ?', args: [seq] });
  return String(result.rows[0]?.id ?? '');
}

async function eventTime(db: Queryable, seq: number): Promise<string> {
  const result = await db.execute({ sql: 'SELECT at FROM audit_events WHERE seq = ?', args: [seq] });
  return String(result.rows[0]?.at ?? '');
}
