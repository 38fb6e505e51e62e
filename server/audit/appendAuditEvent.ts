import { randomUUID } from 'node:crypto';
import { canonicalJson } from '../../core/json/canonicalJson';
import type { AuditEvent } from '../../core/api/audit';
import type { Database, Transaction } from '../store/database';
import { eventHash, genesisHash } from '../../core/audit/eventText';
import type { AuditEventInput } from './auditEvent';
import { redactAuditDetails } from './auditRedaction';
import { inChunks, rowPlaceholders } from '../store/placeholders';

// Rows per INSERT statement: well under the bound-parameter limits (SQLite 32,766, PostgreSQL 65,535) at 12 per row.
const rowsPerInsert = 100;

/** Serialises appends to the chain: every appender reads the head and writes after it under this lock. */
const chainLock = 'audit-chain';

/**
 * Appends one event to the hash chain inside the caller's write transaction, so the event commits together with
 * the state change it records, or not at all. Appenders in every process wait for one another (the chain lock,
 * held to commit), so the chain never forks.
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
  await tx.lock(chainLock);
  const last = await tx.execute('SELECT seq, at, hash FROM audit_events ORDER BY seq DESC LIMIT 1');
  const head = last.rows[0];
  let seq = head ? Number(head.seq) : 0;
  let prevHash = head ? String(head.hash) : genesisHash;
  const requested = at.toISOString();
  const time = head && String(head.at) > requested ? String(head.at) : requested;
  const events: AuditEvent[] = [];
  const detailTexts: string[] = [];
  for (const input of inputs) {
    seq += 1;
    const detailsText = canonicalJson(redactAuditDetails(input.details ?? {}).details);
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
      // The returned event holds exactly what a reader will parse back from the stored canonical JSON.
      details: JSON.parse(detailsText) as Record<string, unknown>,
      prevHash,
    };
    const event: AuditEvent = { ...unsealed, hash: eventHash(unsealed) };
    events.push(event);
    detailTexts.push(detailsText);
    prevHash = event.hash;
  }
  let index = 0;
  for (const chunk of inChunks(events, rowsPerInsert)) {
    await tx.execute({
      sql: `INSERT INTO audit_events (seq, id, at, actor, action, environment, version, release_id, outcome, details, prev_hash, hash)
            VALUES ${rowPlaceholders(chunk.length, 12)}`,
      args: chunk.flatMap((event) => [
        event.seq,
        event.id,
        event.at,
        event.actor,
        event.action,
        event.environment,
        event.version,
        event.releaseId,
        event.outcome,
        detailTexts[index++] ?? '{}',
        event.prevHash,
        event.hash,
      ]),
    });
  }
  return events;
}

/** Appends events that go with no state change of their own (a read, a refused request) in their own write transaction. */
export async function appendStandaloneAuditEvents(db: Database, inputs: readonly AuditEventInput[], at: Date): Promise<void> {
  await db.transaction((tx) => appendAuditEvents(tx, inputs, at));
}
