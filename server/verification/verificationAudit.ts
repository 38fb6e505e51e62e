import type { VerificationState } from '../../core/api/verification';
import { auditEventInput, type AuditDetails } from '../audit/auditActions';
import type { AuditEventInput } from '../audit/auditEvent';

/** `verification.completed`: how a release's window ended, decided by the service itself. */
export function verificationCompletedEvent(
  window: { releaseId: string; environment: string; version: string },
  outcome: Exclude<VerificationState, 'running'>,
  details: AuditDetails<'verification.completed'>,
): AuditEventInput {
  return auditEventInput<'verification.completed'>({
    actor: 'system',
    action: 'verification.completed',
    environment: window.environment,
    version: window.version,
    releaseId: window.releaseId,
    outcome,
    details,
  });
}
