import type { Migration } from '../migration';

/**
 * Environments and their configuration. `active_version` mirrors the environment database's active pointer
 * once a release is recorded as succeeded; the pointer in the environment's own database is the truth.
 */
export const environmentsMigration: Migration = {
  id: 3,
  name: 'environments',
  statements: [
    `CREATE TABLE environments (
       name TEXT PRIMARY KEY,
       tier TEXT NOT NULL,
       position INTEGER NOT NULL,
       purpose TEXT NOT NULL,
       stability TEXT NOT NULL,
       data_class TEXT NOT NULL,
       gateways TEXT NOT NULL,
       gates TEXT NOT NULL,
       approval_policy TEXT,
       freeze_windows TEXT NOT NULL,
       deploy_role TEXT NOT NULL,
       database_url TEXT NOT NULL,
       active_version TEXT,
       active_release_id TEXT,
       created_at TEXT NOT NULL,
       updated_at TEXT NOT NULL
     )`,
  ],
};
