import type { Migration } from '../migration';

/**
 * Environments and their configuration. `active_version` mirrors the environment database's active pointer
 * once a release is recorded as succeeded; the pointer in the environment's own database is the truth.
 */
export const environmentsMigration: Migration = {
  id: 3,
  name: 'environments',
  statements: ({ text }) => [
    `CREATE TABLE environments (
       name ${text} PRIMARY KEY,
       tier ${text} NOT NULL,
       position INTEGER NOT NULL,
       purpose ${text} NOT NULL,
       stability ${text} NOT NULL,
       data_class ${text} NOT NULL,
       gateways ${text} NOT NULL,
       gates ${text} NOT NULL,
       approval_policy ${text},
       freeze_windows ${text} NOT NULL,
       deploy_role ${text} NOT NULL,
       database_url ${text} NOT NULL,
       active_version ${text},
       active_release_id ${text},
       created_at ${text} NOT NULL,
       updated_at ${text} NOT NULL
     )`,
  ],
};
