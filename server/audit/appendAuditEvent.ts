import { randomUUID } from 'node:crypto';
import type { Transaction } from '@libsql/client';
import { canonicalJson } from '../../core/json/canonicalJson';
import { genesisHash, type AuditEvent, type AuditEventInput } from './auditEvent';
import { eventHash } from './eventHash';

/**
 * Appends one event to the hash chain inside the caller's write transaction, so the event commits together with
 * the state change it records, or not at all. The write lock serialises appenders across processes.
 */
export async function appendAuditEvent(tx: Transaction, input: AuditEventInput, at: Date): Promise<AuditEvent> {
  const last = await tx.execute('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1');
  const previous = last.rows[0];
  const unsealed: Omit<AuditEvent, 'hash'> = {
    id: randomUUID(),
    seq: previous ? Number(previous.seq) + 1 : 1,
    at: at.toISOString(),
    actor: input.actor,
    action: input.action,
    environment: input.environment ?? null,
    version: input.version ?? null,
    releaseId: input.releaseId ?? null,
    outcome: input.outcome ?? null,
    details: input.details ?? {},
    prevHash: previous ? String(previous.hash) : genesisHash,
  };
  const event: AuditEvent = { ...unsealed, hash: eventHash(unsealed) };
  await tx.execute({
    sql: `INSERT INTO audit_events (seq, id, at, actor, action, environment, version, release_id, outcome, details, prev_hash, hash)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [
      event.seq, event.id, event.at, event.actor, event.action, event.environment, event.version,
      event.releaseId, event.outcome, canonicalJson(event.details), event.prevHash, event.hash,
    ],
  });
  return event;
}
