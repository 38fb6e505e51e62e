import type { Row } from '@libsql/client';
import type { AuditEvent } from './auditEvent';

/** The columns of an audit event, in API order, for SELECT lists. */
export const auditColumns = 'seq, id, at, actor, action, environment, version, release_id, outcome, details, prev_hash, hash';

/** An audit event as read back from a row. Details that are not valid JSON (a tampered row) read as `{}`. */
export function auditEventFromRow(row: Row): AuditEvent {
  return {
    id: String(row.id),
    seq: Number(row.seq),
    at: String(row.at),
    actor: String(row.actor),
    action: String(row.action),
    environment: nullableText(row.environment),
    version: nullableText(row.version),
    releaseId: nullableText(row.release_id),
    outcome: nullableText(row.outcome),
    details: parseDetails(String(row.details)),
    prevHash: String(row.prev_hash),
    hash: String(row.hash),
  };
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
