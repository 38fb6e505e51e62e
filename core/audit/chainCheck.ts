import type { ChainBreakReason } from '../api/audit';
import { genesisHash } from './eventText';

/** One event as the check sees it: its place, the hashes that link it, and whether its content still yields its hash. */
export interface ChainLink {
  seq: number;
  prevHash: string;
  hash: string;
  intact: boolean;
  /** The event's id, when the reader has it at hand (an export); reported with a break. */
  id?: string;
}

/** A signed chain head the events must still agree with (its signature checked by the caller). */
export interface HeadStatement {
  seq: number;
  hash: string;
}

/** Where an incremental check starts: after `seq`, whose hash a checkpoint vouches for (null: the first link is not checked). */
export interface ChainStart {
  seq: number;
  hash: string | null;
}

/** What the check found; `brokenAt` names a seq (callers add the event's id). */
export interface ChainCheckResult<Checkpoint extends HeadStatement> {
  ok: boolean;
  count: number;
  brokenAt?: { seq: number; reason: ChainBreakReason; id?: string };
  /** The last event read, or null when none was. */
  head: { seq: number; hash: string } | null;
  /** Checkpoints within the range read whose event still carries the signed hash; the newest of them. */
  onChain: number;
  latestOnChain: Checkpoint | null;
  /** The newest checkpoint beyond the last event: the log lost at least its tail up to that checkpoint. */
  truncation?: { checkpoint: Checkpoint; headSeq: number | null };
  /** The first checkpoint whose event now has another hash: events up to it were rewritten (and re-sealed). */
  tailRewrite?: { checkpoint: Checkpoint; storedHash: string };
}

/** A break found at `link`. */
function at(link: ChainLink, reason: ChainBreakReason): { seq: number; reason: ChainBreakReason; id?: string } {
  return link.id === undefined ? { seq: link.seq, reason } : { seq: link.seq, reason, id: link.id };
}

/**
 * Checks a hash chain fed event by event in seq order, with no I/O, for the service and for offline checks of an
 * export alike. Each event must be intact and link to its predecessor (`seq` one more, `prevHash` its hash), and
 * every checkpoint in range must still name the hash its event carries; a checkpoint beyond the last event is a
 * truncation. An edited event is reported before a broken link, and both before a checkpoint disagreeing,
 * because that is the event a reader most needs to see (moving a row to another `seq` breaks both).
 */
export function createChainCheck<Checkpoint extends HeadStatement>(checkpoints: readonly Checkpoint[] = [], start: ChainStart = { seq: 0, hash: genesisHash }) {
  const bySeq = new Map(checkpoints.filter((checkpoint) => checkpoint.seq > start.seq).map((checkpoint) => [checkpoint.seq, checkpoint]));
  let count = 0;
  let previous: ChainLink | null = null;
  let edited: ChainCheckResult<Checkpoint>['brokenAt'];
  let unlinked: ChainCheckResult<Checkpoint>['brokenAt'];
  let onChain = 0;
  let latestOnChain: Checkpoint | null = null;
  let tailRewrite: ChainCheckResult<Checkpoint>['tailRewrite'];
  let rewrittenAt: ChainCheckResult<Checkpoint>['brokenAt'];

  function brokenLink(link: ChainLink): ChainCheckResult<Checkpoint>['brokenAt'] {
    const expectedSeq = (previous?.seq ?? start.seq) + 1;
    if (link.seq !== expectedSeq) return at(link, 'missing_events');
    const expectedHash = previous ? previous.hash : start.hash;
    if (expectedHash === null || link.prevHash === expectedHash) return undefined;
    // An intact event pointing at a predecessor that no longer has that hash: the predecessor was rewritten.
    if (link.intact && previous?.intact) return at(previous, 'rewritten');
    return at(link, 'content_mismatch');
  }

  return {
    accept(link: ChainLink): void {
      count += 1;
      if (!link.intact) edited ??= at(link, 'content_mismatch');
      unlinked ??= brokenLink(link);
      const checkpoint = bySeq.get(link.seq);
      if (checkpoint && checkpoint.hash === link.hash) {
        onChain += 1;
        latestOnChain = checkpoint;
      } else if (checkpoint && !tailRewrite) {
        tailRewrite = { checkpoint, storedHash: link.hash };
        rewrittenAt = at(link, 'checkpoint_mismatch');
      }
      previous = link;
    },

    result(): ChainCheckResult<Checkpoint> {
      const headSeq = previous?.seq ?? null;
      const beyond = [...bySeq.values()].filter((checkpoint) => headSeq === null || checkpoint.seq > headSeq);
      const newestBeyond = beyond.reduce<Checkpoint | null>((newest, checkpoint) => (newest && newest.seq > checkpoint.seq ? newest : checkpoint), null);
      const brokenAt = edited ?? unlinked ?? rewrittenAt;
      return {
        ok: brokenAt === undefined && newestBeyond === null,
        count,
        ...(brokenAt ? { brokenAt } : {}),
        head: previous ? { seq: previous.seq, hash: previous.hash } : null,
        onChain,
        latestOnChain,
        ...(newestBeyond ? { truncation: { checkpoint: newestBeyond, headSeq } } : {}),
        ...(tailRewrite ? { tailRewrite } : {}),
      };
    },
  };
}
