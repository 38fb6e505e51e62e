import type { Queryable } from '../../store/database';
import { deploymentCompletedDetails, deploymentStartedDetails } from '../auditActions';
import type { AuditEvent } from '../../../core/api/audit';
import type { ReportDefinition, ReportScope } from './complianceReport';
import { readDetails } from './lenientDetails';
import { readEvents, readReleaseEvents } from './reportEvents';

/** One release run (deploy, promote or rollback): when, what, where, who, how it ended and how long it took. */
export interface DeploymentEntry {
  releaseId: string | null;
  environment: string | null;
  version: string | null;
  kind: string | null;
  requestedBy: string;
  startedAt: string;
  finishedAt: string | null;
  outcome: string;
  durationMs: number | null;
  previousVersion: string | null;
  artifactCount: number | null;
  error: string | null;
}

async function collect(tx: Queryable, scope: ReportScope): Promise<DeploymentEntry[]> {
  const started = await readEvents(tx, { action: 'deployment.started', environment: scope.environment, start: scope.start, end: scope.end }, scope.headSeq);
  const releaseIds = started.flatMap((event) => (event.releaseId ? [event.releaseId] : []));
  const completions = new Map<string, AuditEvent>();
  for (const event of await readReleaseEvents(tx, 'deployment.completed', releaseIds, scope.headSeq)) {
    if (event.releaseId && !completions.has(event.releaseId)) completions.set(event.releaseId, event);
  }
  return started.map((event) => deploymentEntry(event, event.releaseId ? completions.get(event.releaseId) : undefined));
}

function deploymentEntry(started: AuditEvent, completed: AuditEvent | undefined): DeploymentEntry {
  const start = readDetails(deploymentStartedDetails, started.details);
  const finish = completed ? readDetails(deploymentCompletedDetails, completed.details) : {};
  return {
    releaseId: started.releaseId,
    environment: started.environment,
    version: started.version,
    kind: finish.kind ?? start.kind ?? null,
    requestedBy: started.actor,
    startedAt: started.at,
    finishedAt: completed?.at ?? null,
    outcome: completed ? (completed.outcome ?? 'completed') : 'in-progress',
    durationMs: finish.durationMs ?? null,
    previousVersion: finish.previousVersion ?? start.previousVersion ?? null,
    artifactCount: finish.artifacts?.length ?? start.artifactCount ?? null,
    error: finish.error ?? null,
  };
}

/** Deployment history: every release run started in the period, joined with how it completed. */
export const deploymentsReport: ReportDefinition<DeploymentEntry> = {
  title: 'Deployment history',
  collect,
  columns: [
    'startedAt',
    'finishedAt',
    'environment',
    'version',
    'kind',
    'requestedBy',
    'outcome',
    'durationMs',
    'previousVersion',
    'artifactCount',
    'error',
    'releaseId',
  ],
  lines: (entry) => [
    [
      entry.startedAt,
      entry.finishedAt,
      entry.environment,
      entry.version,
      entry.kind,
      entry.requestedBy,
      entry.outcome,
      entry.durationMs,
      entry.previousVersion,
      entry.artifactCount,
      entry.error,
      entry.releaseId,
    ],
  ],
};
