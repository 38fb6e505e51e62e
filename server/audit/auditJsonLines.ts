import { auditQuerySchema } from '../../core/api/audit';
import type { Database } from '../store/database';
import { auditEventFromValues, auditEventSelect } from './auditRow';
import { parseAuditInput } from './parseAuditInput';
import { auditFilterCondition } from './queryAuditEvents';

/**
 * `GET /api/audit?format=jsonl`: every event matching the filters after `cursor` (a seq), in chain order, one JSON
 * object per line with its `seq`, `prevHash` and `hash`, streamed from one snapshot. Unfiltered, it is what an
 * offline `forge-release audit verify` checks against the checkpoints. `limit` caps it when given.
 */
export async function* auditJsonLines(db: Database, input: Record<string, unknown>): AsyncGenerator<string> {
  const { limit, cursor, ...filters } = parseAuditInput(auditQuerySchema, input);
  const { where, args } = auditFilterCondition(filters);
  const rows = db.scan({
    sql: `SELECT ${auditEventSelect} FROM audit_events WHERE ${where} AND seq > ? ORDER BY seq${limit === undefined ? '' : ' LIMIT ?'}`,
    args: [...args, Number(cursor ?? 0), ...(limit === undefined ? [] : [limit])],
  });
  for await (const batch of rows) yield batch.map((values) => `${JSON.stringify(auditEventFromValues(values))}\n`).join('');
}
