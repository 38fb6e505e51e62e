import type { z } from 'zod';
import type { Queryable } from '../../store/database';
import { approvalDecisionDetails, approvalRequestedDetails, versionCreatedDetails } from '../auditActions';
import type { AuditEvent } from '../../../core/api/audit';
import type { ReportDefinition, ReportScope } from './complianceReport';
import { readDetails } from './lenientDetails';
import { readEvents } from './reportEvents';

/** One step of a release's approval chain, read from `approval.*` events. */
export interface ApprovalStep {
  at: string;
  actor: string;
  step: 'requested' | 'granted' | 'denied' | 'expired';
  environment: string | null;
  releaseId: string | null;
  comment: string | null;
  count: number | null;
  required: number | null;
}

type VersionDetails = z.infer<typeof versionCreatedDetails>;

/** One version in the change log: what changed, which PRs and change sets brought it, and who approved it where. */
export interface ChangelogEntry extends Pick<VersionDetails, 'changeSets' | 'pullRequests' | 'changes'> {
  version: string;
  createdAt: string;
  createdBy: string;
  valid: boolean;
  commit: string | null;
  message: string | null;
  previousVersion: string | null;
  inferredBump: VersionDetails['inferredBump'] | null;
  declaredBump: VersionDetails['declaredBump'];
  approvals: ApprovalStep[];
  /** False when the `version.created` event lacks the contract's details; the row then lists what it has. */
  detailsComplete: boolean;
}

const steps: Record<string, ApprovalStep['step']> = {
  'approval.requested': 'requested',
  'approval.granted': 'granted',
  'approval.denied': 'denied',
  'approval.expired': 'expired',
};

async function collect(tx: Queryable, scope: ReportScope): Promise<ChangelogEntry[]> {
  const created = await readEvents(tx, { action: 'version.created', start: scope.start, end: scope.end }, scope.headSeq);
  const entries: ChangelogEntry[] = [];
  for (const event of created) {
    const version = event.version ?? '';
    const approvals = await readEvents(tx, { action: 'approval', version, environment: scope.environment }, scope.headSeq);
    // With an environment, the change log lists the versions that went (or tried to go) there.
    if (scope.environment !== undefined && approvals.length === 0) {
      const deployments = await readEvents(tx, { action: 'deployment.started', version, environment: scope.environment }, scope.headSeq);
      if (deployments.length === 0) continue;
    }
    entries.push(changelogEntry(event, approvals));
  }
  return entries;
}

function changelogEntry(event: AuditEvent, approvals: AuditEvent[]): ChangelogEntry {
  const complete = versionCreatedDetails.safeParse(event.details).success;
  const details = readDetails(versionCreatedDetails, event.details);
  return {
    version: event.version ?? '',
    createdAt: event.at,
    createdBy: event.actor,
    valid: event.outcome !== 'invalid',
    commit: details.commit ?? null,
    message: details.message ?? null,
    previousVersion: details.previousVersion ?? null,
    inferredBump: details.inferredBump ?? null,
    declaredBump: details.declaredBump ?? null,
    changeSets: details.changeSets ?? [],
    pullRequests: details.pullRequests ?? [],
    changes: details.changes ?? [],
    approvals: approvals.filter((approval) => approval.action in steps).map(approvalStep),
    detailsComplete: complete,
  };
}

function approvalStep(event: AuditEvent): ApprovalStep {
  const decision = readDetails(approvalDecisionDetails, event.details);
  const requested = readDetails(approvalRequestedDetails, event.details);
  return {
    at: event.at,
    actor: event.actor,
    step: steps[event.action] ?? 'requested',
    environment: event.environment,
    releaseId: event.releaseId,
    comment: decision.comment ?? null,
    count: decision.count ?? null,
    required: decision.required ?? requested.required ?? null,
  };
}

/** How an approval step reads in one table cell. */
function describeStep(step: ApprovalStep): string {
  const who = step.step === 'requested' ? `requested by ${step.actor}` : `${step.step} by ${step.actor}`;
  const where = step.environment ? ` for ${step.environment}` : '';
  const tally = step.count !== null && step.required !== null ? ` (${step.count}/${step.required})` : '';
  const comment = step.comment ? `: ${step.comment}` : '';
  return `${step.at} ${who}${where}${tally}${comment}`;
}

/** The change log: every version created in the period with its artifact changes and approval chain. */
export const changelogReport: ReportDefinition<ChangelogEntry> = {
  title: 'Change log',
  collect,
  columns: [
    'version',
    'createdAt',
    'createdBy',
    'commit',
    'inferredBump',
    'declaredBump',
    'pullRequests',
    'changeSets',
    'kind',
    'name',
    'path',
    'change',
    'bump',
    'approvalChain',
  ],
  lines(entry) {
    const common = [
      entry.version,
      entry.createdAt,
      entry.createdBy,
      entry.commit,
      entry.inferredBump,
      entry.declaredBump,
      entry.pullRequests.map((pr) => `#${pr.number} ${pr.title} (${pr.author})`).join('; '),
      entry.changeSets.map((changeSet) => changeSet.name).join('; '),
    ];
    const chain = entry.approvals.map(describeStep).join('; ');
    if (entry.changes.length === 0) return [[...common, null, null, null, null, null, chain]];
    return entry.changes.map((change) => [...common, change.kind, change.name, change.path, change.change, change.bump, chain]);
  },
};
