import type { Migration } from '../migration';

/**
 * What keeps an environment's gateways on its active version. On environments: the reconcile mode and the
 * activation sequence (the number of the last activation sent, taken under the environment's lock). On releases:
 * what each gateway was sent. `gateway_locks` holds the one writer of an environment's gateways at a time (a
 * release, a recovery or a reconcile); `gateway_deliveries` what each webhook last acknowledged, since a webhook
 * cannot be read back; `environment_sync` each environment's last sync check.
 */
export const gatewaySyncMigration: Migration = {
  id: 20,
  name: 'gateway sync',
  statements: ({ text }) => [
    `ALTER TABLE environments ADD COLUMN reconcile ${text} NOT NULL DEFAULT 'auto' CHECK (reconcile IN ('auto', 'report'))`,
    'ALTER TABLE environments ADD COLUMN activation_sequence INTEGER NOT NULL DEFAULT 0',
    `ALTER TABLE releases ADD COLUMN gateway_results ${text}`,
    `CREATE TABLE gateway_locks (
       environment ${text} PRIMARY KEY,
       holder ${text} NOT NULL,
       owner_instance ${text} NOT NULL,
       purpose ${text} NOT NULL,
       acquired_at ${text} NOT NULL
     )`,
    `CREATE TABLE gateway_deliveries (
       environment ${text} NOT NULL,
       gateway ${text} NOT NULL,
       version ${text},
       release_id ${text},
       sequence INTEGER NOT NULL,
       acknowledged INTEGER NOT NULL CHECK (acknowledged IN (0, 1)),
       at ${text} NOT NULL,
       PRIMARY KEY (environment, gateway)
     )`,
    `CREATE TABLE environment_sync (
       environment ${text} PRIMARY KEY,
       state ${text} NOT NULL,
       checked_at ${text} NOT NULL,
       gateways ${text} NOT NULL
     )`,
  ],
};
