import type { AuditSigner } from './checkpoints/auditSigner';
import type { CheckpointAnchor } from './checkpoints/checkpointAnchor';
import type { CheckpointInterval } from './checkpoints/checkpointInterval';

/** How the service keeps its audit trail verifiable: who signs, where checkpoints are anchored, how often. */
export interface AuditTrailSettings {
  /** Signs checkpoints and reports (FORGE_AUDIT_SIGNING_KEY or the data dir's key file). */
  signer: AuditSigner;
  anchors: readonly CheckpointAnchor[];
  checkpointInterval: CheckpointInterval;
}
