import type { Migration } from '../migration';

/**
 * Signed checkpoints of the audit chain head, one per checkpointed `seq` (the key decides which replica's
 * checkpoint is the one), and what became of each checkpoint at each anchor outside the database.
 */
export const auditCheckpointsMigration: Migration = {
  id: 30,
  name: 'audit checkpoints',
  statements: ({ text, rowKey }) => [
    `CREATE TABLE audit_checkpoints (
       seq ${rowKey},
       hash ${text} NOT NULL,
       at ${text} NOT NULL,
       signed_at ${text} NOT NULL,
       key_id ${text} NOT NULL,
       signature ${text} NOT NULL
     )`,
    `CREATE TABLE audit_anchorings (
       anchor ${text} NOT NULL,
       seq INTEGER NOT NULL,
       state ${text} NOT NULL CHECK (state IN ('anchored', 'failed')),
       detail ${text},
       updated_at ${text} NOT NULL,
       PRIMARY KEY (anchor, seq)
     )`,
    "CREATE INDEX audit_anchorings_failed ON audit_anchorings (anchor, seq) WHERE state = 'failed'",
  ],
};
