import { contentHash } from '../../core/json/contentHash';
import type { AuditEvent } from '../../core/api/audit';

/** The hash that seals an event: SHA-256 over its canonical content including the previous event's hash. */
export function eventHash(event: Omit<AuditEvent, 'hash'>): string {
  return contentHash(event);
}
