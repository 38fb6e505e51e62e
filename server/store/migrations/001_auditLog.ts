import type { Migration } from '../migration';

/** The append-only, hash-chained audit log (PRODUCT.md §9). */
export const auditLogMigration: Migration = {
  id: 1,
  name: 'audit log',
  statements: [
    `CREATE TABLE audit_events (
       seq INTEGER PRIMARY KEY,
       id TEXT NOT NULL UNIQUE,
       at TEXT NOT NULL,
       actor TEXT NOT NULL,
       action TEXT NOT NULL,
       environment TEXT,
       version TEXT,
       release_id TEXT,
       outcome TEXT,
       details TEXT NOT NULL,
       prev_hash TEXT NOT NULL,
       hash TEXT NOT NULL
     )`,
  ],
};
