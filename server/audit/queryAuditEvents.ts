import type { Client, InValue } from '@libsql/client';
import { parseAuditInput } from './parseAuditInput';
import type { AuditEvent } from './auditEvent';
import { auditQuerySchema, timeBounds, type AuditFilters } from './auditQuery';
import { auditColumns, auditEventFromRow } from './auditRow';

/** One page of audit events in time order, and the cursor of the next page (null on the last). */
export interface AuditPage {
  items: AuditEvent[];
  nextCursor: string | null;
}

/**
 * The SQL condition and arguments selecting the events that match the filters. Shared by the paged query and
 * the reports. The family match is a range on `action` (`deployment.` ≤ action < `deployment/`) so it can use
 * the action index.
 */
export function auditFilterCondition(filters: AuditFilters): { where: string; args: InValue[] } {
  const conditions: string[] = [];
  const args: InValue[] = [];
  if (filters.action !== undefined) {
    conditions.push('(action = ? OR (action >= ? AND action < ?))');
    args.push(filters.action, `${filters.action}.`, `${filters.action}/`);
  }
  for (const [column, value] of [
    ['environment', filters.environment],
    ['actor', filters.actor],
    ['version', filters.version],
    ['release_id', filters.releaseId],
  ] as const) {
    if (value === undefined) continue;
    conditions.push(`${column} = ?`);
    args.push(value);
  }
  const { from, until } = timeBounds(filters);
  if (from !== undefined) {
    conditions.push('at >= ?');
    args.push(from);
  }
  if (until !== undefined) {
    conditions.push('at < ?');
    args.push(until);
  }
  return { where: conditions.length > 0 ? conditions.join(' AND ') : '1', args };
}

/**
 * Reads one page of audit events matching the filters of `GET /api/audit` (raw query-string values are fine:
 * they are validated here, and bad ones throw a 400 `invalid_request`). Events come in time order; the cursor is
 * the `seq` of the last event returned, and the next page starts after it.
 */
export async function queryAuditEvents(db: Client, input: Record<string, unknown>): Promise<AuditPage> {
  const { limit, cursor, ...filters } = parseAuditInput(auditQuerySchema, input);
  const { where, args } = auditFilterCondition(filters);
  // The log's clock never runs backwards (appendAuditEvents), so (at, seq) order is chain order and the
  // cursor's own time bounds the index range.
  const after = cursor === undefined ? '' : ' AND (at, seq) > ((SELECT at FROM audit_events WHERE seq = ?), ?)';
  const result = await db.execute({
    sql: `SELECT ${auditColumns} FROM audit_events WHERE ${where}${after} ORDER BY at, seq LIMIT ?`,
    args: [...args, ...(cursor === undefined ? [] : [Number(cursor), Number(cursor)]), limit + 1],
  });
  const items = result.rows.slice(0, limit).map(auditEventFromRow);
  const last = items[items.length - 1];
  return { items, nextCursor: result.rows.length > limit && last ? String(last.seq) : null };
}
