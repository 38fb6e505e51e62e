import type { Migration } from '../migration';

/**
 * Approvals bound to what was approved: each decision keeps the version's content hash and the gate verdicts it
 * was given on; decisions invalidated because a verdict changed before the release started move to
 * `invalidated_approvals` with the reason, so the reviewer may decide again; and each approval process keeps
 * what its policy says then happens (`reapprove`: wait for approvals again, `fail`: fail the release).
 */
export const approvalBindingsMigration: Migration = {
  id: 41,
  name: 'approval bindings',
  statements: ({ text, serialKey }) => [
    `ALTER TABLE release_approvals ADD COLUMN content_hash ${text}`,
    `ALTER TABLE release_approvals ADD COLUMN gates ${text}`,
    `ALTER TABLE release_approval_requests ADD COLUMN on_gate_change ${text} NOT NULL DEFAULT 'reapprove' CHECK (on_gate_change IN ('reapprove', 'fail'))`,
    `CREATE TABLE invalidated_approvals (
       seq ${serialKey},
       release_id ${text} NOT NULL REFERENCES releases (id),
       user_id ${text} NOT NULL,
       user_name ${text} NOT NULL,
       decision ${text} NOT NULL CHECK (decision IN ('approve', 'reject')),
       comment ${text},
       at ${text} NOT NULL,
       content_hash ${text},
       gates ${text},
       invalidated_at ${text} NOT NULL,
       reason ${text} NOT NULL
     )`,
    'CREATE INDEX invalidated_approvals_by_release ON invalidated_approvals (release_id, seq)',
  ],
};
