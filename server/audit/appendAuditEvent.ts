import { randomUUID } from 'node:crypto';
import type { Transaction } from '@libsql/client';
import { canonicalJson } from '../../core/json/canonicalJson';
import { genesisHash, type AuditEvent, type AuditEventInput } from './auditEvent';
import { redactAuditDetails } from './auditRedaction';
import { eventHash } from './eventHash';

/**
 * Appends one event to the hash chain inside the caller's write transaction, so the event commits together with
 * the state change it records, or not at all. The write lock serialises appenders across processes.
 */
export async function appendAuditEvent(tx: Transaction, input: AuditEventInput, at: Date): Promise<AuditEvent> {
  const [event] = await appendAuditEvents(tx, [input], at);
  return event as AuditEvent;
}

/**
 * Appends several events in order inside one write transaction (one head read for all of them). Details pass
 * the redaction guard first. An event's time is never earlier than its predecessor's: the log's clock only
 * moves forward, so time order and chain order agree even when processes' clocks differ slightly.
 */
export async function appendAuditEvents(tx: Transaction, inputs: readonly AuditEventInput[], at: Date): Promise<AuditEvent[]> {
  const last = await tx.execute('SELECT seq, at, hash FROM audit_events ORDER BY seq DESC LIMIT 1');
  const head = last.rows[0];
  let seq = head ? Number(head.seq) : 0;
  let prevHash = head ? String(head.hash) : genesisHash;
  const requested = at.toISOString();
  const time = head && String(head.at) > requested ? String(head.at) : requested;
  const events: AuditEvent[] = [];
  for (const input of inputs) {
    seq += 1;
    const unsealed: Omit<AuditEvent, 'hash'> = {
      id: randomUUID(),
      seq,
      at: time,
      actor: input.actor,
      action: input.action,
      environment: input.environment ?? null,
      version: input.version ?? null,
      releaseId: input.releaseId ?? null,
      outcome: input.outcome ?? null,
      // Stored as canonical JSON; the returned event holds exactly what a reader will parse back.
      details: JSON.parse(canonicalJson(redactAuditDetails(input.details ?? {}).details)) as Record<string, unknown>,
      prevHash,
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
    events.push(event);
    prevHash = event.hash;
  }
  return events;
}
