import type { Queryable } from '../../store/database';
import { accessDetails } from '../auditActions';
import type { ReportDefinition, ReportScope } from './complianceReport';
import { readDetails } from './lenientDetails';
import { readEvents } from './reportEvents';

/** One read of an audited environment's resources: who, when, what. */
export interface AccessEntry {
  at: string;
  actor: string;
  environment: string | null;
  method: string | null;
  path: string | null;
  status: string | null;
}

async function collect(tx: Queryable, scope: ReportScope): Promise<AccessEntry[]> {
  const events = await readEvents(tx, { action: 'access', environment: scope.environment, start: scope.start, end: scope.end }, scope.headSeq);
  return events.map((event) => {
    const details = readDetails(accessDetails, event.details);
    return {
      at: event.at,
      actor: event.actor,
      environment: event.environment,
      method: details.method ?? null,
      path: details.path ?? null,
      status: event.outcome,
    };
  });
}

/** The access log: who read production resources (every `access` event) and when. */
export const accessReport: ReportDefinition<AccessEntry> = {
  title: 'Access log',
  collect,
  columns: ['at', 'actor', 'environment', 'method', 'path', 'status'],
  lines: (entry) => [[entry.at, entry.actor, entry.environment, entry.method, entry.path, entry.status]],
};
