// The audit history the benchmarks fill their logs with.
import type { AuditEventInput } from '../../server/audit/auditEvent';

const environments = ['development', 'staging', 'production'] as const;
// Roughly what a busy installation logs: mostly production reads, then the release lifecycle.
const actions = [
  ...Array<string>(8).fill('access'),
  'deployment.started',
  'deployment.completed',
  'deployment.started',
  'deployment.completed',
  'approval.requested',
  'approval.granted',
  'approval.granted',
  'approval.denied',
  'version.created',
  'changeset.created',
  'check.reported',
  'release.requested',
  'environment.updated',
  'token.created',
];

/** A deterministic event for position `index`, shaped like the service's events. */
export function sampleEvent(index: number): AuditEventInput {
  const action = actions[index % actions.length] as string;
  const environment = action === 'version.created' || action === 'changeset.created' ? null : environments[(index * 7) % 3];
  return {
    actor: `user-${(index * 13) % 50}`,
    action,
    environment,
    version: `v1.${Math.floor(index / 2000)}.${index % 7}`,
    releaseId: action.startsWith('deployment') || action.startsWith('approval') ? `r-${Math.floor(index / 4)}` : null,
    outcome: action === 'deployment.completed' ? (index % 10 === 0 ? 'failed' : 'succeeded') : null,
    details: action === 'access' ? { method: 'GET', path: `/api/environments/${environment}` } : { kind: 'deploy', durationMs: index % 5000, artifactCount: 12 },
  };
}
