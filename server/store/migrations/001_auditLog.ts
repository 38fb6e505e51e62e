import type { Migration } from '../migration';

/** The append-only, hash-chained audit log (PRODUCT.md §9). */
export const auditLogMigration: Migration = {
  id: 1,
  name: 'audit log',
  statements: ({ text, rowKey }) => [
    `CREATE TABLE audit_events (
       seq ${rowKey},
       id ${text} NOT NULL UNIQUE,
       at ${text} NOT NULL,
       actor ${text} NOT NULL,
       action ${text} NOT NULL,
       environment ${text},
       version ${text},
       release_id ${text},
       outcome ${text},
       details ${text} NOT NULL,
       prev_hash ${text} NOT NULL,
       hash ${text} NOT NULL
     )`,
  ],
};
