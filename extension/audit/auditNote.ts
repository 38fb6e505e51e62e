import type { AuditEvent } from '../../core/api/audit';
import type { AuditRow } from '../../webviews/audit/protocol';

/**
 * The one line a reader wants beside an audit event: the reviewer's comment, the rollback's reason, the
 * deployment's error, the check's summary, the role change. Null when the event carries nothing to say.
 */
export function auditNote(event: AuditEvent): string | null {
  const details = event.details;
  const text = (key: string): string | null => {
    const value = details[key];
    return typeof value === 'string' && value.trim() ? value.trim() : null;
  };
  switch (event.action) {
    case 'approval.granted':
    case 'approval.denied':
      return [text('comment'), countText(details)].filter(Boolean).join(' — ') || null;
    case 'approval.requested':
      return Array.isArray(details.reviewers) ? `${String(details.required)} from ${details.reviewers.join(' or ')}` : null;
    case 'check.reported':
      return [text('name'), text('summary')].filter(Boolean).join(': ') || null;
    case 'evaluation.reported': {
      const metrics =
        typeof details.metrics === 'object' && details.metrics !== null
          ? Object.entries(details.metrics)
              .map(([name, value]) => `${name}=${String(value)}`)
              .join(' ')
          : '';
      return [text('suite'), metrics].filter(Boolean).join(': ') || null;
    }
    case 'release.requested': {
      const gates = Array.isArray(details.gates) ? (details.gates as { gate?: unknown; passed?: unknown; reason?: unknown }[]) : [];
      const failed = gates.filter((gate) => gate.passed === false).map((gate) => `${String(gate.gate)}: ${String(gate.reason)}`);
      return failed.length > 0 ? `refused — ${failed.join('; ')}` : null;
    }
    case 'user.created':
    case 'user.updated':
      return text('previousRole') ? `${text('name')}: ${text('previousRole')} → ${text('role')}` : `${text('name')} (${text('role')})`;
    case 'token.created':
    case 'token.revoked':
      return text('name');
    case 'environment.updated':
      return Array.isArray(details.fields) ? `changed ${details.fields.join(', ')}` : null;
    case 'access':
      return text('path');
    default:
      return text('reason') ?? text('comment') ?? text('error') ?? text('message');
  }
}

function countText(details: Record<string, unknown>): string | null {
  return typeof details.count === 'number' && typeof details.required === 'number' ? `${details.count} of ${details.required}` : null;
}

/** An event as the panels show it: its columns and its note, without the hashes and the raw details. */
export function auditRow(event: AuditEvent): AuditRow {
  const { id, seq, at, actor, action, environment, version, releaseId, outcome } = event;
  return { id, seq, at, actor, action, environment, version, releaseId, outcome, note: auditNote(event) };
}
