import { BadRequestError } from '../errors';
import { auditQuerySchema, defaultAuditLimit, timeBounds, type AuditFilters, type AuditPage } from '../../core/api/audit';
import type { Queryable, SqlValue } from '../store/database';
import { auditEventFromRow, auditEventSelect } from './auditRow';
import { parseAuditInput } from './parseAuditInput';

/** Where a page starts: after the event with this time and seq. */
export interface AuditPosition {
  at: string;
  seq: number;
}

/**
 * The SQL condition and arguments selecting the events that match the filters, after `after` when given.
 * Shared by the paged query and the reports. The family match is a range on `action` (`deployment.` ≤ action <
 * `deployment/`) so it can use the action index. Only one lower bound on `at` is emitted, the later of `start`
 * and the cursor's time, because SQLite seeks an index on one of them and would scan from the other.
 */
export function auditFilterCondition(filters: AuditFilters, after?: AuditPosition): { where: string; args: SqlValue[] } {
  const conditions: string[] = [];
  const args: SqlValue[] = [];
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
  const bounds = timeBounds(filters);
  const from = after && (bounds.from === undefined || after.at > bounds.from) ? after.at : bounds.from;
  const until = bounds.until;
  if (from !== undefined) {
    conditions.push('at >= ?');
    args.push(from);
  }
  if (after) {
    conditions.push('(at > ? OR seq > ?)');
    args.push(after.at, after.seq);
  }
  if (until !== undefined) {
    conditions.push('at < ?');
    args.push(until);
  }
  return { where: conditions.length > 0 ? conditions.join(' AND ') : '1 = 1', args };
}

/**
 * Reads one page of audit events matching the filters of `GET /api/audit` (raw query-string values are fine:
 * they are validated here, and bad ones throw a 400 `invalid_request`). Events come in time order; the cursor is
 * the `seq` of the last event returned, and the next page starts after it.
 */
export async function queryAuditEvents(db: Queryable, input: Record<string, unknown>): Promise<AuditPage> {
  const { limit = defaultAuditLimit, cursor, ...filters } = parseAuditInput(auditQuerySchema, input);
  const after = cursor === undefined ? undefined : await cursorPosition(db, cursor);
  const { where, args } = auditFilterCondition(filters, after);
  const result = await db.execute({
    sql: `SELECT ${auditEventSelect} FROM audit_events WHERE ${where} ORDER BY at, seq LIMIT ?`,
    args: [...args, limit + 1],
  });
  const items = result.rows.slice(0, limit).map(auditEventFromRow);
  const last = items[items.length - 1];
  return { items, nextCursor: result.rows.length > limit && last ? String(last.seq) : null };
}

/**
 * The time and seq of the cursor's event. The log's clock never runs backwards (appendAuditEvents), so every
 * later event in (at, seq) order is also later in the chain, and the cursor's time bounds the index range.
 */
async function cursorPosition(db: Queryable, cursor: string): Promise<AuditPosition> {
  const result = await db.execute({ sql: 'SELECT at FROM audit_events WHERE seq = ?', args: [Number(cursor)] });
  const row = result.rows[0];
  if (!row) throw new BadRequestError('the cursor does not name an audit event: start again without a cursor', { cursor }, 'invalid_cursor');
  return { at: String(row.at), seq: Number(cursor) };
}
