import type { Database, Row } from '../store/database';
import { appendAuditEvents } from './appendAuditEvent';
import { auditEventInput, type AuditDetails } from './auditActions';

/** The default length of an access window (`FORGE_ACCESS_WINDOW_MINUTES`). */
export const defaultAccessWindowMinutes = 15;

/**
 * How long after a window's end its tallies are left to reads still arriving from a replica whose clock runs a
 * little behind, before the window's events are written.
 */
const closingGraceMs = 60_000;

/** Paths listed per event, the most read first; the rest are counted in `morePaths`. */
const pathsPerEvent = 50;

/** The window of `minutes` holding `at`: windows are aligned to the epoch in UTC, so every replica agrees on them. */
export function accessWindowOf(at: Date, minutes: number): { start: string; end: string } {
  const length = minutes * 60_000;
  const start = Math.floor(at.getTime() / length) * length;
  return { start: new Date(start).toISOString(), end: new Date(start + length).toISOString() };
}

/**
 * Replaces the tallies of every window that closed (a grace minute before `now`) by one `access` event per user,
 * environment and window, in one transaction: the tallies are deleted as they are read (`DELETE … RETURNING`), so
 * with several replicas flushing at once each window is written exactly once. Returns how many events were appended.
 */
export async function flushAccessWindows(db: Database, now: Date): Promise<number> {
  const closedBefore = new Date(now.getTime() - closingGraceMs).toISOString();
  return db.transaction(async (tx) => {
    const taken = await tx.execute({
      sql: `DELETE FROM access_tallies WHERE window_end <= ?
            RETURNING actor, environment, window_start, window_end, method, path, reads, first_at, last_at`,
      args: [closedBefore],
    });
    if (taken.rows.length === 0) return 0;
    const inputs = [...groupByWindow(taken.rows).values()].map((rows) => {
      const [first] = rows as [Row, ...Row[]];
      const paths = rows
        .map((row) => ({ method: String(row.method), path: String(row.path), reads: Number(row.reads) }))
        .sort((a, b) => b.reads - a.reads || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      const details: AuditDetails<'access'> = {
        window: { start: String(first.window_start), end: String(first.window_end) },
        reads: paths.reduce((sum, path) => sum + path.reads, 0),
        firstAt: rows.map((row) => String(row.first_at)).reduce((a, b) => (a < b ? a : b)),
        lastAt: rows.map((row) => String(row.last_at)).reduce((a, b) => (a > b ? a : b)),
        paths: paths.slice(0, pathsPerEvent),
        morePaths: Math.max(0, paths.length - pathsPerEvent),
      };
      return auditEventInput({ actor: String(first.actor), action: 'access', environment: String(first.environment), outcome: '200', details });
    });
    await appendAuditEvents(tx, inputs, now);
    return inputs.length;
  });
}

/** Tally rows by window, user and environment, in that order (the order their events are appended). */
function groupByWindow(rows: readonly Row[]): Map<string, Row[]> {
  const sorted = [...rows].sort((a, b) => {
    const keyA = `${a.window_start}\u0001${a.actor}\u0001${a.environment}`;
    const keyB = `${b.window_start}\u0001${b.actor}\u0001${b.environment}`;
    return keyA < keyB ? -1 : keyA > keyB ? 1 : 0;
  });
  const groups = new Map<string, Row[]>();
  for (const row of sorted) {
    const key = JSON.stringify([row.window_start, row.actor, row.environment]);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
