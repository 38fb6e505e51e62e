import type { AuditEvent, AuditFilters } from '../../../core/api/audit';
import type { Queryable } from '../../store/database';
import { auditEventSelect, auditEventFromRow } from '../auditRow';
import { auditFilterCondition } from '../queryAuditEvents';
import { placeholderList } from '../../store/placeholders';

/** Every event matching the filters up to the report's chain head, in time order. */
export async function readEvents(tx: Queryable, filters: AuditFilters, headSeq: number): Promise<AuditEvent[]> {
  const { where, args } = auditFilterCondition(filters);
  const result = await tx.execute({
    sql: `SELECT ${auditEventSelect} FROM audit_events WHERE ${where} AND seq <= ? ORDER BY at, seq`,
    args: [...args, headSeq],
  });
  return result.rows.map(auditEventFromRow);
}

const releaseChunk = 200;

/** The events of an action family for the given releases, up to the chain head, in time order. */
export async function readReleaseEvents(tx: Queryable, action: string, releaseIds: readonly string[], headSeq: number): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  for (let index = 0; index < releaseIds.length; index += releaseChunk) {
    const chunk = releaseIds.slice(index, index + releaseChunk);
    const { where, args } = auditFilterCondition({ action });
    const result = await tx.execute({
      sql: `SELECT ${auditEventSelect} FROM audit_events
            WHERE release_id IN (${placeholderList(chunk.length)}) AND ${where} AND seq <= ? ORDER BY at, seq`,
      args: [...chunk, ...args, headSeq],
    });
    events.push(...result.rows.map(auditEventFromRow));
  }
  return events;
}
