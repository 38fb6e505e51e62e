import { timeBounds } from '../../../core/api/audit';
import type { Queryable } from '../../store/database';
import { accessDetails } from '../auditActions';
import type { ReportDefinition, ReportScope } from './complianceReport';
import { readDetails } from './lenientDetails';
import { readEvents } from './reportEvents';
import { z } from 'zod';

/** The reads of one user in one environment within one access window: who, when, how many, which paths. */
export interface AccessEntry {
  windowStart: string;
  windowEnd: string;
  actor: string;
  environment: string | null;
  reads: number;
  firstAt: string;
  lastAt: string;
  status: string | null;
  paths: { method: string; path: string; reads: number }[];
  /** Paths read in the window beyond those listed. */
  morePaths: number;
}

// An `access` event written before reads were counted per window: one read.
const singleReadDetails = z.object({ method: z.string(), path: z.string() });

async function collect(tx: Queryable, scope: ReportScope): Promise<AccessEntry[]> {
  // A window's event is written when it closes, so it is never older than the reads it counts: no upper bound here.
  const events = await readEvents(tx, { action: 'access', environment: scope.environment, start: scope.start }, scope.headSeq);
  const { from, until } = timeBounds({ start: scope.start, end: scope.end });
  const entries = events.map((event): AccessEntry => {
    const counted = readDetails(accessDetails, event.details);
    if (counted.window && counted.paths) {
      return {
        windowStart: counted.window.start,
        windowEnd: counted.window.end,
        actor: event.actor,
        environment: event.environment,
        reads: counted.reads ?? 0,
        firstAt: counted.firstAt ?? counted.window.start,
        lastAt: counted.lastAt ?? counted.window.end,
        status: event.outcome,
        paths: counted.paths,
        morePaths: counted.morePaths ?? 0,
      };
    }
    const single = readDetails(singleReadDetails, event.details);
    return {
      windowStart: event.at,
      windowEnd: event.at,
      actor: event.actor,
      environment: event.environment,
      reads: 1,
      firstAt: event.at,
      lastAt: event.at,
      status: event.outcome,
      paths: single.method && single.path ? [{ method: single.method, path: single.path, reads: 1 }] : [],
      morePaths: 0,
    };
  });
  // A window belongs to the period when some of its reads may fall in it.
  return entries
    .filter((entry) => (until === undefined || entry.firstAt < until) && (from === undefined || entry.lastAt >= from))
    .sort((a, b) => (a.windowStart < b.windowStart ? -1 : a.windowStart > b.windowStart ? 1 : a.actor < b.actor ? -1 : a.actor > b.actor ? 1 : 0));
}

function describePaths(entry: AccessEntry): string {
  const listed = entry.paths.map((path) => `${path.method} ${path.path} ×${path.reads}`);
  return [...listed, ...(entry.morePaths > 0 ? [`${entry.morePaths} more paths`] : [])].join('; ');
}

/** The access log: who read production resources, per user, environment and window, how often and what. */
export const accessReport: ReportDefinition<AccessEntry> = {
  title: 'Access log',
  collect,
  columns: ['windowStart', 'windowEnd', 'actor', 'environment', 'reads', 'firstReadAt', 'lastReadAt', 'status', 'paths'],
  lines: (entry) => [[entry.windowStart, entry.windowEnd, entry.actor, entry.environment, entry.reads, entry.firstAt, entry.lastAt, entry.status, describePaths(entry)]],
};
