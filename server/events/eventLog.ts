import type { ForgeEvent } from '../../core/api/event';
import type { Database, Queryable } from '../store/database';

/** An event as the log keeps it: its id (`seq`, what `Last-Event-ID` names) and the event. */
export interface LoggedEvent {
  id: number;
  event: ForgeEvent;
}

/** The channel a commit to the log is announced on (PostgreSQL NOTIFY), so other replicas read at once. */
export const eventChannel = 'forge_service_events';

/** How long the log keeps events: a client that reconnects later than this re-reads everything anyway. */
export const eventRetentionMs = 24 * 60 * 60 * 1000;

/**
 * Appends an event after every event committed before it, in every process: ids are given under one lock and
 * committed in that order, so a reader that has seen id n has seen every id below it. Returns the id.
 */
export async function appendLoggedEvent(db: Database, event: ForgeEvent, at: Date): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.lock('service-events');
    const inserted = await tx.execute({
      sql: 'INSERT INTO service_events (seq, type, data, at) SELECT COALESCE(MAX(seq), 0) + 1, ?, ?, ? FROM service_events RETURNING seq',
      args: [event.type, JSON.stringify(event.data), at.toISOString()],
    });
    await tx.notify(eventChannel);
    return Number(inserted.rows[0]?.seq);
  });
}

/** Up to `limit` events after id `after`, oldest first. */
export async function readLoggedEvents(db: Queryable, after: number, limit: number): Promise<LoggedEvent[]> {
  const result = await db.execute({ sql: 'SELECT seq, type, data FROM service_events WHERE seq > ? ORDER BY seq LIMIT ?', args: [after, limit] });
  return result.rows.map((row) => ({ id: Number(row.seq), event: { type: String(row.type), data: JSON.parse(String(row.data)) as unknown } as ForgeEvent }));
}

/** The id of the newest event, 0 for an empty log. */
export async function lastLoggedEventId(db: Queryable): Promise<number> {
  const result = await db.execute('SELECT COALESCE(MAX(seq), 0) AS seq FROM service_events');
  return Number(result.rows[0]?.seq ?? 0);
}

/** Forgets events older than the retention (the newest is always kept: ids must never be reused). */
export async function pruneLoggedEvents(db: Database, now: Date): Promise<void> {
  await db.execute({
    sql: 'DELETE FROM service_events WHERE at < ? AND seq < (SELECT MAX(seq) FROM service_events)',
    args: [new Date(now.getTime() - eventRetentionMs).toISOString()],
  });
}
