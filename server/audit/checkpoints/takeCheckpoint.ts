import type { Checkpoint } from '../../../core/api/audit';
import { checkpointPayload } from '../../../core/audit/signedStatements';
import type { Database } from '../../store/database';
import { auditChainHead } from '../auditChainHead';
import type { AuditSigner } from './auditSigner';
import { checkpointDue, type CheckpointInterval } from './checkpointInterval';
import { insertCheckpoint, latestCheckpoint } from './checkpointStore';

/** Serialises checkpoint decisions: one replica at a time reads the newest checkpoint and the head. */
const checkpointLock = 'audit-checkpoints';

/** A checkpoint of the chain head, and whether this call signed it (false: the newest one already covered the head). */
export interface TakenCheckpoint {
  checkpoint: Checkpoint;
  created: boolean;
}

/**
 * Signs the chain head (seq, hash and its event's time) when a checkpoint is due (`when: 'due'`, per the interval)
 * or now (`'now'`, on demand), and stores it. Replicas deciding at once take turns under the checkpoint lock, and
 * the checkpoint's seq is its key, so each head is signed and stored once, by one replica. Null when nothing was
 * due, or the log is empty.
 */
export async function takeCheckpoint(
  db: Database,
  signer: AuditSigner,
  interval: CheckpointInterval,
  when: 'due' | 'now',
  now: Date,
): Promise<TakenCheckpoint | null> {
  return db.transaction(async (tx) => {
    await tx.lock(checkpointLock);
    const latest = await latestCheckpoint(tx);
    const head = await auditChainHead(tx);
    if (!head) return null;
    if (latest && latest.seq >= head.seq) return when === 'now' ? { checkpoint: latest, created: false } : null;
    if (when === 'due' && !checkpointDue(interval, latest, head.seq, now)) return null;
    const unsigned = { seq: head.seq, hash: head.hash, at: head.at, signedAt: now.toISOString(), keyId: signer.keyId };
    const checkpoint: Checkpoint = { ...unsigned, signature: signer.sign('checkpoint', checkpointPayload(unsigned)) };
    return (await insertCheckpoint(tx, checkpoint)) ? { checkpoint, created: true } : null;
  });
}
