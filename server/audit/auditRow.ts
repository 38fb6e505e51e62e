import type { AuditEvent } from '../../core/api/audit';
import type { Row, SqlValue } from '../store/database';

/**
 * The columns of one audit event. Each is read back with `String()`, so a row edited to hold another type
 * (SQLite lets a blob or a number into a TEXT column) still reads, and fails verification.
 */
export const auditEventColumns = ['seq', 'id', 'at', 'actor', 'action', 'environment', 'version', 'release_id', 'outcome', 'details', 'prev_hash', 'hash'] as const;

/** `auditEventColumns` as a select list. */
export const auditEventSelect = auditEventColumns.join(', ');

/** A stored event and its details exactly as stored (verification compares that text). */
export interface StoredAuditEvent {
  event: AuditEvent;
  detailsText: string;
}

/** Reads a row selected with `auditEventSelect`. Details that are not valid JSON (a tampered row) read as `{}`. */
export function storedAuditEvent(row: Row): StoredAuditEvent {
  const detailsText = String(row.details);
  return {
    event: {
      id: String(row.id),
      seq: Number(row.seq),
      at: String(row.at),
      actor: String(row.actor),
      action: String(row.action),
      environment: nullableText(row.environment),
      version: nullableText(row.version),
      releaseId: nullableText(row.release_id),
      outcome: nullableText(row.outcome),
      details: parseDetails(detailsText),
      prevHash: String(row.prev_hash),
      hash: String(row.hash),
    },
    detailsText,
  };
}

/** Reads a row selected with `auditEventSelect` as an audit event. */
export function auditEventFromRow(row: Row): AuditEvent {
  return storedAuditEvent(row).event;
}

/** Reads the values of a scanned row selected with `auditEventSelect` (in `auditEventColumns` order). */
export function auditEventFromValues(values: readonly SqlValue[]): AuditEvent {
  return auditEventFromRow(Object.fromEntries(auditEventColumns.map((column, index) => [column, values[index] ?? null])));
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
