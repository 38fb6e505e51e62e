import type { Checkpoint } from '../../../core/api/audit';
import { checkpointPayload } from '../../../core/audit/signedStatements';
import { ConflictError } from '../../errors';
import type { Database } from '../../store/database';
import { auditChainHead } from '../auditChainHead';
import { checkStoredChain } from '../verifyAuditChain';
import type { AuditSigner } from './auditSigner';
import { checkpointDue, type CheckpointInterval } from './checkpointInterval';
import { insertCheckpoint, latestCheckpoint } from './checkpointStore';

/** Serialises checkpoint decisions: one replica at a time reads the newest checkpoint and stores the next. */
const checkpointLock = 'audit-checkpoints';

/** A checkpoint of the chain head, and whether this call signed it (false: the newest one already covered the head). */
export interface TakenCheckpoint {
  checkpoint: Checkpoint;
  created: boolean;
}

/** The chain does not extend the newest checkpoint intact: the service signs nothing until that is resolved. */
export class AuditChainBrokenError extends ConflictError {
  constructor(details: unknown) {
    super('audit_chain_broken', 'the audit chain does not extend its newest checkpoint intact, so its head is not signed: see GET /api/audit/verify', details);
  }
}

/**
 * Signs the chain head (seq, hash and its event's time) when a checkpoint is due (`when: 'due'`, per the interval)
 * or now (`'now'`, on demand), and stores it. Before signing, the events from the newest checkpoint to the head are
 * checked, so the service never signs a rewritten tail (AuditChainBrokenError); a head below the newest checkpoint
 * (a truncation) is never signed either. Replicas deciding at once take turns under the checkpoint lock, and the
 * checkpoint's seq is its key, so each head is signed and stored once, by one replica. Null when nothing was due,
 * or the log is empty.
 */
export async function takeCheckpoint(db: Database, signer: AuditSigner, interval: CheckpointInterval, when: 'due' | 'now', now: Date): Promise<TakenCheckpoint | null> {
  const latest = await latestCheckpoint(db);
  const head = await auditChainHead(db);
  if (!head) return null;
  if (latest && latest.seq >= head.seq) return when === 'now' ? { checkpoint: latest, created: false } : null;
  if (when === 'due' && !checkpointDue(interval, latest, head.seq, now)) return null;
  // Outside the transaction: a streamed read of what the new checkpoint will vouch for.
  const check = await checkStoredChain(db, latest ? [latest] : [], latest ? { seq: latest.seq - 1, hash: null } : undefined);
  if (!check.ok || !check.head) {
    const { brokenAt, truncation, tailRewrite } = check;
    throw new AuditChainBrokenError({ brokenAt, truncation, tailRewrite });
  }
  const verified = check.head;
  return db.transaction(async (tx) => {
    await tx.lock(checkpointLock);
    // Another replica may have signed meanwhile; what was checked still extends its checkpoint (one chain).
    const current = await latestCheckpoint(tx);
    if (current && current.seq >= verified.seq) return when === 'now' ? { checkpoint: current, created: false } : null;
    const unsigned = { seq: verified.seq, hash: verified.hash, at: verified.at, signedAt: now.toISOString(), keyId: signer.keyId };
    const checkpoint: Checkpoint = { ...unsigned, signature: signer.sign('checkpoint', checkpointPayload(unsigned)) };
    return (await insertCheckpoint(tx, checkpoint)) ? { checkpoint, created: true } : null;
  });
}
