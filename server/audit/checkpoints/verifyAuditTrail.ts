import type { KeyObject } from 'node:crypto';
import type { AnchorState, ChainVerification, Checkpoint } from '../../../core/api/audit';
import { sortCheckpoints, type SortedCheckpoints } from '../../../core/audit/trustedCheckpoints';
import type { Database } from '../../store/database';
import { auditChainHead } from '../auditChainHead';
import { checkStoredChain } from '../verifyAuditChain';
import { anchorName, type CheckpointAnchor } from './checkpointAnchor';
import { allCheckpoints, anchoringSummary } from './checkpointStore';

/** Where a verification starts: the first event, or the newest checkpoint (the events after it are checked). */
export type VerifyFrom = 'start' | 'checkpoint';

/** Checkpoints from the database and the anchors, sorted into those to rely on and those to report. */
interface CheckpointEvidence extends SortedCheckpoints {
  anchors: AnchorState[];
}

/**
 * `GET /api/audit/verify`: the chain checked against every checkpoint the service can find — in the database and
 * in each readable anchor, so checkpoints deleted from the database still count — whose signature verifies
 * under the service's key. A checkpoint beyond the head is a truncation; one whose event now has another hash is a
 * rewritten tail. Each anchor is compared with the database's checkpoints. `from: 'checkpoint'` checks only the
 * events from the newest trusted checkpoint on.
 */
export async function verifyAuditTrail(db: Database, publicKey: KeyObject, anchors: readonly CheckpointAnchor[], from: VerifyFrom = 'start'): Promise<ChainVerification> {
  const evidence = await gatherCheckpoints(db, publicKey, anchors);
  const newest = evidence.trusted.reduce<Checkpoint | null>((best, checkpoint) => (best && best.seq >= checkpoint.seq ? best : checkpoint), null);
  const start = from === 'checkpoint' && newest ? { seq: newest.seq - 1, hash: null } : undefined;
  const check = await checkStoredChain(db, evidence.trusted, start);
  // Nothing after the start point was read: the head is still what the log ends with.
  const head = check.head ?? (await auditChainHead(db));
  const truncation = check.truncation && { ...check.truncation, headSeq: head?.seq ?? null };
  const ok = check.ok && evidence.invalid === 0;
  return {
    ok,
    count: check.count,
    ...(check.brokenAt ? { brokenAt: check.brokenAt } : {}),
    head,
    from: start ? (newest?.seq ?? null) : null,
    checkpoints: { checked: evidence.trusted.length, onChain: check.onChain, latest: check.latestOnChain, invalid: evidence.invalid, otherKeys: evidence.otherKeys },
    ...(truncation ? { truncation } : {}),
    ...(check.tailRewrite ? { tailRewrite: check.tailRewrite } : {}),
    anchors: evidence.anchors,
  };
}

async function gatherCheckpoints(db: Database, publicKey: KeyObject, anchors: readonly CheckpointAnchor[]): Promise<CheckpointEvidence> {
  const stored = await allCheckpoints(db);
  const candidates = [...stored];
  const states: AnchorState[] = [];
  for (const anchor of anchors) {
    const summary = await anchoringSummary(db, anchorName(anchor));
    const where = { kind: anchor.kind, location: anchor.location };
    let held: Checkpoint[] | null;
    try {
      held = await anchor.read();
    } catch (error) {
      states.push({ ...where, state: 'unreadable', checkpoints: 0, missing: stored.length, onlyInAnchor: 0, detail: (error as Error).message });
      continue;
    }
    if (held === null) {
      // Written to, never read back: what the database recorded of the deliveries.
      const missing = stored.length - summary.anchored;
      const detail = summary.lastFailure ? { detail: summary.lastFailure } : {};
      states.push({ ...where, state: missing === 0 ? 'delivered' : 'undelivered', checkpoints: summary.anchored, missing, onlyInAnchor: 0, ...detail });
      continue;
    }
    candidates.push(...held);
    const detail = summary.failed > 0 && summary.lastFailure ? { detail: summary.lastFailure } : {};
    states.push({ ...where, ...comparison(stored, held), ...detail });
  }
  return { ...sortCheckpoints(candidates, publicKey), anchors: states };
}

/** How an anchor's checkpoints compare with the database's, keyed by seq. */
function comparison(stored: readonly Checkpoint[], held: readonly Checkpoint[]): Pick<AnchorState, 'state' | 'checkpoints' | 'missing' | 'onlyInAnchor'> {
  const storedBySeq = new Map(stored.map((checkpoint) => [checkpoint.seq, checkpoint.signature]));
  const heldBySeq = new Map(held.map((checkpoint) => [checkpoint.seq, checkpoint.signature]));
  const missing = stored.filter((checkpoint) => !heldBySeq.has(checkpoint.seq)).length;
  let onlyInAnchor = 0;
  let differing = 0;
  for (const [seq, signature] of heldBySeq) {
    const own = storedBySeq.get(seq);
    if (own === undefined) onlyInAnchor += 1;
    else if (own !== signature) differing += 1;
  }
  return { state: missing + onlyInAnchor + differing === 0 ? 'agrees' : 'differs', checkpoints: heldBySeq.size, missing, onlyInAnchor };
}
