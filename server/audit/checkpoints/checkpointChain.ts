import type { Checkpoint } from '../../../core/api/audit';
import type { ServiceDeps } from '../../serviceDeps';
import { anchorCheckpoints, type AnchoringOutcome } from './anchorCheckpoints';
import { auditChainHead } from '../auditChainHead';
import { AuditChainBrokenError, takeCheckpoint, type TakenCheckpoint } from './takeCheckpoint';

/** A checkpoint taken (or found covering the head) and how anchoring went. */
export interface CheckpointRound extends TakenCheckpoint {
  anchoring: AnchoringOutcome[];
}

/**
 * Takes a checkpoint when due (`'due'`, the keeper's rounds) or now (`'now'`, `POST /api/audit/checkpoints`), then
 * anchors what the anchors lack. Only the replica that stored a new checkpoint anchors on its rounds, so one
 * replica writes each; an on-demand call also retries earlier failures.
 */
export async function checkpointChain(deps: ServiceDeps, when: 'due' | 'now'): Promise<CheckpointRound | null> {
  const { signer, anchors, checkpointInterval } = deps.auditTrail;
  const taken = await takeCheckpoint(deps.db, signer, checkpointInterval, when, deps.clock());
  if (!taken) return null;
  if (taken.created) deps.logger.info({ seq: taken.checkpoint.seq, keyId: taken.checkpoint.keyId }, 'signed an audit checkpoint');
  const anchoring = taken.created || when === 'now' ? await anchorCheckpoints(deps.db, anchors, deps.clock(), deps.logger) : [];
  return { ...taken, anchoring };
}

/**
 * The checkpoint of the current head that a compliance report embeds, signed now unless the newest one already
 * covers the head; a new one is anchored in the background, so the report does not wait on a push. Null for an
 * empty log.
 */
export async function checkpointForReport(deps: ServiceDeps): Promise<Checkpoint | null> {
  const { signer, anchors, checkpointInterval } = deps.auditTrail;
  let taken;
  try {
    taken = await takeCheckpoint(deps.db, signer, checkpointInterval, 'now', deps.clock());
  } catch (error) {
    // A report of a chain that does not verify is still given, without a checkpoint: it cannot pass report verify.
    if (!(error instanceof AuditChainBrokenError)) throw error;
    deps.logger.error({ details: error.details }, 'the audit chain does not verify: the report embeds no checkpoint');
    return null;
  }
  if (taken?.created) deps.tasks.run(() => anchorCheckpoints(deps.db, anchors, deps.clock(), deps.logger));
  // A checkpoint beyond the head (a truncation) does not cover what the report reads.
  const head = await auditChainHead(deps.db);
  return taken && head && taken.checkpoint.seq <= head.seq ? taken.checkpoint : null;
}
