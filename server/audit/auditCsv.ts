import { canonicalJson } from '../../core/json/canonicalJson';
import type { AuditEvent } from '../../core/api/audit';
import { toCsv } from './csv';

/**
 * The CSV columns of an audit export, in order: the contract's ten (PRODUCT.md §11), then the hashes that chain
 * each event to the one before, so an export can be verified offline against the checkpoints.
 */
export const auditCsvHeader = ['id', 'seq', 'at', 'actor', 'action', 'environment', 'version', 'releaseId', 'outcome', 'details', 'prevHash', 'hash'] as const;

/** Audit events as CSV (`format=csv`); empty fields for nulls, details as canonical JSON. */
export function renderAuditCsv(events: readonly AuditEvent[]): string {
  return toCsv(
    auditCsvHeader,
    events.map((event) => [
      event.id,
      event.seq,
      event.at,
      event.actor,
      event.action,
      event.environment,
      event.version,
      event.releaseId,
      event.outcome,
      canonicalJson(event.details),
      event.prevHash,
      event.hash,
    ]),
  );
}
