import type { Row } from '@libsql/client';
import type { AuditEvent } from '../../core/api/audit';

const textColumns = ['id', 'at', 'actor', 'action', 'environment', 'version', 'release_id', 'outcome', 'details', 'prev_hash', 'hash'];

/**
 * The SELECT expression that reads one audit event as one JSON array. The client converts every column of every
 * row separately, which for a page of events costs several times the query itself; one text column per row
 * does not. Columns are cast to text so a row edited to hold a blob still reads (and fails verification).
 */
export const auditEventSelect = `json_array(seq, ${textColumns.map((column) => `CAST(${column} AS TEXT)`).join(', ')}) AS event`;

/** A stored event and its details exactly as stored (verification compares that text). */
export interface StoredAuditEvent {
  event: AuditEvent;
  detailsText: string;
}

/** Reads a row selected with `auditEventSelect`. Details that are not valid JSON (a tampered row) read as `{}`. */
export function storedAuditEvent(row: Row): StoredAuditEvent {
  const [seq, id, at, actor, action, environment, version, releaseId, outcome, details, prevHash, hash] = JSON.parse(
    String(row.event),
  ) as unknown[];
  const detailsText = String(details);
  return {
    event: {
      id: String(id),
      seq: Number(seq),
      at: String(at),
      actor: String(actor),
      action: String(action),
      environment: nullableText(environment),
      version: nullableText(version),
      releaseId: nullableText(releaseId),
      outcome: nullableText(outcome),
      details: parseDetails(detailsText),
      prevHash: String(prevHash),
      hash: String(hash),
    },
    detailsText,
  };
}

/** Reads a row selected with `auditEventSelect` as an audit event. */
export function auditEventFromRow(row: Row): AuditEvent {
  return storedAuditEvent(row).event;
}

function nullableText(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

function parseDetails(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
