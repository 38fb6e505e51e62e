import type { Logger } from 'pino';
import type { Database } from '../../store/database';
import { anchorName, type CheckpointAnchor } from './checkpointAnchor';
import { checkpointsToAnchor, recordAnchoring } from './checkpointStore';

/** At most this many checkpoints go to one anchor per round (an anchor added to an old log catches up over rounds). */
const perRound = 500;

/** How anchoring went at one anchor. */
export interface AnchoringOutcome {
  kind: CheckpointAnchor['kind'];
  location: string;
  anchored: number[];
  failed: number[];
  detail: string | null;
}

/**
 * Writes to each anchor the stored checkpoints it has not taken yet (new, or failed before) and records the
 * outcome per checkpoint, so a failure is retried on the next round. Never throws: a failing anchor is logged.
 */
export async function anchorCheckpoints(db: Database, anchors: readonly CheckpointAnchor[], at: Date, logger: Logger): Promise<AnchoringOutcome[]> {
  const outcomes: AnchoringOutcome[] = [];
  for (const anchor of anchors) {
    const name = anchorName(anchor);
    const pending = await checkpointsToAnchor(db, name, perRound);
    if (pending.length === 0) continue;
    let write;
    try {
      write = await anchor.write(pending);
    } catch (error) {
      write = { anchored: [], failure: (error as Error).message };
    }
    const anchored = new Set(write.anchored);
    const failed = pending.map((checkpoint) => checkpoint.seq).filter((seq) => !anchored.has(seq));
    await db.transaction(async (tx) => {
      await recordAnchoring(tx, name, write.anchored, { state: 'anchored', detail: null }, at);
      await recordAnchoring(tx, name, failed, { state: 'failed', detail: write.failure ?? 'not written' }, at);
    });
    if (failed.length > 0) logger.warn({ anchor: name, failed, detail: write.failure }, 'audit checkpoints not anchored; retried with the next checkpoint');
    outcomes.push({ kind: anchor.kind, location: anchor.location, anchored: write.anchored, failed, detail: write.failure });
  }
  return outcomes;
}
