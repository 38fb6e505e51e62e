import { canonicalJson } from '../../core/json/canonicalJson';
import type { AuditEvent, ChainVerification } from '../../core/api/audit';
import type { Queryable } from '../store/database';
import { genesisHash } from './auditEvent';
import { auditEventSelect, storedAuditEvent } from './auditRow';
import { eventHash } from './eventHash';

const pageSize = 2000;

/**
 * Recomputes every event's hash and its link to the previous event, streaming the log in pages so millions of
 * events need little memory. When several things are wrong, an edited row is reported before a broken link,
 * because that is the event a reader most needs to see (moving a row to another `seq` breaks both).
 */
export async function verifyAuditChain(db: Queryable): Promise<ChainVerification> {
  let count = 0;
  let previous: { event: AuditEvent; intact: boolean } | null = null;
  let edited: ChainVerification['brokenAt'];
  let unlinked: ChainVerification['brokenAt'];
  let afterSeq = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const page = await db.execute({
      sql: `SELECT ${auditEventSelect} FROM audit_events WHERE seq > ? ORDER BY seq LIMIT ?`,
      args: [afterSeq, pageSize],
    });
    for (const row of page.rows) {
      const { event, detailsText } = storedAuditEvent(row);
      const intact = isIntact(event, detailsText);
      count += 1;
      if (!intact) edited ??= { id: event.id, seq: event.seq, reason: 'content_mismatch' };
      unlinked ??= brokenLink(previous, event, intact);
      previous = { event, intact };
    }
    if (page.rows.length < pageSize) break;
    afterSeq = previous?.event.seq ?? afterSeq;
  }
  const brokenAt = edited ?? unlinked;
  return brokenAt ? { ok: false, count, brokenAt } : { ok: true, count };
}

function isIntact(event: AuditEvent, detailsText: string): boolean {
  const { hash, ...unsealed } = event;
  // Details are stored canonically; any other text was written by hand.
  return canonicalJson(event.details) === detailsText && eventHash(unsealed) === hash;
}

function brokenLink(
  previous: { event: AuditEvent; intact: boolean } | null,
  event: AuditEvent,
  intact: boolean,
): ChainVerification['brokenAt'] {
  const expectedSeq = previous ? previous.event.seq + 1 : 1;
  if (event.seq !== expectedSeq) return { id: event.id, seq: event.seq, reason: 'missing_events' };
  if (event.prevHash === (previous?.event.hash ?? genesisHash)) return undefined;
  // An intact event pointing at a predecessor that no longer has that hash: the predecessor was rewritten.
  if (intact && previous?.intact) return { id: previous.event.id, seq: previous.event.seq, reason: 'rewritten' };
  return { id: event.id, seq: event.seq, reason: 'content_mismatch' };
}
