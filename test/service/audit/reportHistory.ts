import type { Database } from '../../../server/store/database';
import { accessWindowOf } from '../../../server/audit/accessWindows';
import { auditEventInput, type AuditAction, type TypedAuditEventInput } from '../../../server/audit/auditActions';
import { append } from './auditTestDatabase';

type Step = [string, TypedAuditEventInput<AuditAction>];

const step = <Action extends AuditAction>(at: string, input: TypedAuditEventInput<Action>): Step => [at, input];

const started = (at: string, releaseId: string, environment: string, version: string, actor: string, kind: 'deploy' | 'promote' | 'rollback' = 'deploy') =>
  step(at, { actor, action: 'deployment.started', environment, version, releaseId, outcome: 'in-progress', details: { kind, previousVersion: null, artifactCount: 3 } });

const completed = (
  at: string,
  releaseId: string,
  environment: string,
  version: string,
  actor: string,
  outcome: 'succeeded' | 'failed',
  extra: { durationMs: number; error?: string; kind?: 'deploy' | 'rollback'; previousVersion?: string },
) =>
  step(at, {
    actor,
    action: 'deployment.completed',
    environment,
    version,
    releaseId,
    outcome,
    details: {
      kind: extra.kind ?? 'deploy',
      durationMs: extra.durationMs,
      artifacts: [{ kind: 'workflow', name: 'claims-intake', hash: 'a'.repeat(64) }],
      previousVersion: extra.previousVersion ?? null,
      ...(extra.error ? { error: extra.error } : {}),
    },
  });

const versionCreated = (at: string, version: string, changes: { kind: string; name: string; path: string; change: string; bump: 'minor' | 'major' | 'patch' }[]) =>
  step(at, {
    actor: 'maria',
    action: 'version.created',
    version,
    outcome: 'valid',
    details: {
      commit: `c0ffee${version.replaceAll('.', '')}`,
      message: `Release ${version}`,
      changeSets: [{ id: `cs-${version}`, name: `Changes for ${version}` }],
      pullRequests: [
        { number: 12, title: 'Add fraud check', author: 'dev1' },
        { number: 13, title: 'Fix | pipe, "quotes"', author: 'dev2' },
      ],
      changes,
      inferredBump: changes.length > 0 ? 'minor' : 'none',
      declaredBump: 'minor',
      previousVersion: null,
      artifactCount: 5,
    },
  });

const approval = (
  at: string,
  action: 'approval.granted' | 'approval.denied',
  actor: string,
  releaseId: string,
  version: string,
  count: number,
  comment: string | null,
  outcome: string,
) => step(at, { actor, action, environment: 'production', version, releaseId, outcome, details: { comment, required: 2, count, contentHash: null, gates: null } });

const requested = (at: string, releaseId: string, version: string) =>
  step(at, {
    actor: 'admin',
    action: 'approval.requested',
    environment: 'production',
    version,
    releaseId,
    details: { reviewers: ['role:maintainer', 'role:admin'], required: 2, timeoutMinutes: 1440, deadline: '2024-03-03T09:00:00.000Z' },
  });

/** The access window of one read, written when it closed (a quarter of an hour after its start). */
const access = (at: string, actor: string, environment: string, path: string) => {
  const window = accessWindowOf(new Date(at), 15);
  const read = new Date(at).toISOString();
  return step(window.end, {
    actor,
    action: 'access',
    environment,
    outcome: '200',
    details: { window, reads: 2, firstAt: read, lastAt: read, paths: [{ method: 'GET', path, reads: 2 }], morePaths: 0 },
  });
};

/** A month of release activity, with events before and after March 2024 and in every environment. */
export const reportHistory: Step[] = [
  versionCreated('2024-02-20T10:00:00Z', 'v1.0.0', []),
  access('2024-02-28T10:00:00Z', 'auditor', 'production', '/api/environments/production'),
  versionCreated('2024-03-01T10:00:00Z', 'v1.1.0', [
    { kind: 'workflow', name: 'claims-intake', path: 'spec.plan.nodes[fraud_check]', change: 'node added', bump: 'minor' },
    { kind: 'agent', name: 'triage', path: 'prompt', change: 'prompt changed, "shorter", clearer', bump: 'minor' },
  ]),
  started('2024-03-01T11:00:00Z', 'r-s1', 'staging', 'v1.1.0', 'maria'),
  completed('2024-03-01T11:00:02Z', 'r-s1', 'staging', 'v1.1.0', 'maria', 'succeeded', { durationMs: 2000 }),
  requested('2024-03-02T09:00:00Z', 'r-p1', 'v1.1.0'),
  approval('2024-03-02T10:00:00Z', 'approval.granted', 'maria', 'r-p1', 'v1.1.0', 1, 'looks good', 'waiting'),
  approval('2024-03-02T11:00:00Z', 'approval.granted', 'mark', 'r-p1', 'v1.1.0', 2, null, 'approved'),
  started('2024-03-02T11:00:01Z', 'r-p1', 'production', 'v1.1.0', 'admin'),
  completed('2024-03-02T11:00:05Z', 'r-p1', 'production', 'v1.1.0', 'admin', 'failed', { durationMs: 4000, error: 'gateway http://gw-2 timed out' }),
  access('2024-03-02T12:00:00Z', 'auditor', 'production', '/api/environments/production'),
  versionCreated('2024-03-03T09:00:00Z', 'v1.2.0', []),
  started('2024-03-03T10:00:00Z', 'r-d1', 'development', 'v1.2.0', 'dev1'),
  completed('2024-03-03T10:00:01Z', 'r-d1', 'development', 'v1.2.0', 'dev1', 'succeeded', { durationMs: 900 }),
  started('2024-03-04T09:00:00Z', 'r-p2', 'production', 'v1.0.0', 'admin', 'rollback'),
  completed('2024-03-04T09:00:00.300Z', 'r-p2', 'production', 'v1.0.0', 'admin', 'succeeded', { durationMs: 300, kind: 'rollback', previousVersion: 'v0.9.0' }),
  step('2024-03-04T09:00:00.301Z', {
    actor: 'admin',
    action: 'rollback.executed',
    environment: 'production',
    version: 'v1.0.0',
    releaseId: 'r-p2',
    outcome: 'succeeded',
    details: { reason: 'errors', restoredVersion: 'v1.0.0', fromVersion: 'v0.9.0' },
  }),
  requested('2024-03-04T10:00:00Z', 'r-p3', 'v1.2.0'),
  approval('2024-03-04T10:30:00Z', 'approval.denied', 'mark', 'r-p3', 'v1.2.0', 0, 'breaks | invoices', 'rejected'),
  access('2024-03-05T08:00:00Z', 'maria', 'production', '/api/releases?environment=production'),
  access('2024-03-05T08:01:00Z', 'maria', 'staging', '/api/environments/staging'),
  started('2024-03-31T23:59:00Z', 'r-s2', 'staging', 'v1.2.0', 'maria'),
  completed('2024-04-01T00:01:00Z', 'r-s2', 'staging', 'v1.2.0', 'maria', 'succeeded', { durationMs: 120000 }),
  started('2024-04-02T09:00:00Z', 'r-p4', 'production', 'v1.2.0', 'admin'),
  access('2024-04-02T10:00:00Z', 'auditor', 'production', '/api/environments/production'),
];

/** Appends the scripted history through the contract-checked builder. */
export async function appendReportHistory(db: Database): Promise<void> {
  for (const [at, input] of reportHistory) await append(db, auditEventInput(input), at);
}
