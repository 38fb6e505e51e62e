import type { KeyObject } from 'node:crypto';
import type { AuditEvent, ChainVerification, Checkpoint } from '../api/audit';
import { createChainCheck } from './chainCheck';
import { canonicalEventText, eventDigest } from './eventText';
import { sortCheckpoints } from './trustedCheckpoints';

/**
 * An offline check of an exported log (`GET /api/audit?format=jsonl` or the CSV, in chain order) against checkpoints
 * kept elsewhere and the service's public key: the same verdict `GET /api/audit/verify` gives, from files alone.
 * Without a key no checkpoint can be relied on, so only the chain itself is checked.
 */
export function createExportCheck(checkpoints: readonly Checkpoint[], publicKey: KeyObject | null) {
  const sorted = publicKey ? sortCheckpoints(checkpoints, publicKey) : { trusted: [], invalid: 0, otherKeys: checkpoints.length };
  const check = createChainCheck(sorted.trusted);
  let headAt = '';
  return {
    /** Feeds the next event; `detailsText` is its details as exported (CSV), else their canonical JSON. */
    accept(event: AuditEvent, detailsText: string, intact = eventDigest(canonicalEventText(event, detailsText)) === event.hash): void {
      check.accept({ seq: event.seq, prevHash: event.prevHash, hash: event.hash, intact, id: event.id });
      headAt = event.at;
    },
    result(): ChainVerification {
      const { ok, count, brokenAt, head, onChain, latestOnChain, truncation, tailRewrite } = check.result();
      return {
        ok: ok && sorted.invalid === 0,
        count,
        ...(brokenAt ? { brokenAt: { id: brokenAt.id ?? '', seq: brokenAt.seq, reason: brokenAt.reason } } : {}),
        head: head ? { ...head, at: headAt } : null,
        from: null,
        checkpoints: { checked: sorted.trusted.length, onChain, latest: latestOnChain, invalid: sorted.invalid, otherKeys: sorted.otherKeys },
        ...(truncation ? { truncation } : {}),
        ...(tailRewrite ? { tailRewrite } : {}),
      };
    },
  };
}
