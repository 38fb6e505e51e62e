import { hash } from 'node:crypto';
import type { AuditEvent } from '../api/audit';
import { canonicalJson } from '../json/canonicalJson';

/** The previous hash of the first event in the chain. */
export const genesisHash = '0'.repeat(64);

/** An event's fields other than its details and its own hash, as the chain stores them. */
export type EventFields = Omit<AuditEvent, 'details' | 'hash'>;

/**
 * The text an event's hash seals: its canonical JSON (keys in code-point order, no whitespace), written out
 * field by field around the details' stored canonical text, so a verifier hashes what is stored without parsing
 * and re-serialising the details. Byte for byte `canonicalJson` of the event without its hash.
 */
export function canonicalEventText(event: EventFields, detailsText: string): string {
  return (
    `{"action":${quoted(event.action)},"actor":${quoted(event.actor)},"at":${quoted(event.at)},"details":${detailsText},` +
    `"environment":${quoted(event.environment)},"id":${quoted(event.id)},"outcome":${quoted(event.outcome)},` +
    `"prevHash":${quoted(event.prevHash)},"releaseId":${quoted(event.releaseId)},"seq":${JSON.stringify(event.seq)},` +
    `"version":${quoted(event.version)}}`
  );
}

/** SHA-256 (hex) of an event's canonical text. */
export function eventDigest(text: string): string {
  return hash('sha256', text, 'hex');
}

/** The hash that seals an event: SHA-256 over its canonical content, the previous event's hash included. */
export function eventHash(event: Omit<AuditEvent, 'hash'>): string {
  return eventDigest(canonicalEventText(event, canonicalJson(event.details)));
}

function quoted(value: string | null): string {
  return value === null ? 'null' : JSON.stringify(value);
}
