import type { AuditSigner } from './checkpoints/auditSigner';
import type { CheckpointAnchor } from './checkpoints/checkpointAnchor';
import type { CheckpointInterval } from './checkpoints/checkpointInterval';

/** How the service keeps its audit trail verifiable and bounded: who signs, where checkpoints are anchored, how often, how reads are counted. */
export interface AuditTrailSettings {
  /** Signs checkpoints and reports (FORGE_AUDIT_SIGNING_KEY or the data dir's key file). */
  signer: AuditSigner;
  anchors: readonly CheckpointAnchor[];
  checkpointInterval: CheckpointInterval;
  /** Reads of production are counted per user, environment and window of this many minutes (one `access` event each). */
  accessWindowMinutes: number;
}
