import type { Migration } from '../migration';

/**
 * Releases, their reviewer decisions, and the service processes that own running releases. The unique partial
 * index is the environment lock: at most one release in progress per environment, across every process that
 * shares the database.
 */
export const releasesMigration: Migration = {
  id: 6,
  name: 'releases',
  statements: ({ text, serialKey }) => [
    `CREATE TABLE releases (
       seq ${serialKey},
       id ${text} NOT NULL UNIQUE,
       version ${text} NOT NULL,
       environment ${text} NOT NULL,
       kind ${text} NOT NULL CHECK (kind IN ('deploy', 'promote', 'rollback')),
       status ${text} NOT NULL CHECK (status IN ('pending', 'in-progress', 'succeeded', 'failed')),
       approval ${text} NOT NULL CHECK (approval IN ('not-required', 'waiting', 'approved', 'rejected', 'expired')),
       reason ${text},
       previous_version ${text},
       requested_by ${text} NOT NULL,
       requested_by_id ${text} NOT NULL,
       requested_at ${text} NOT NULL,
       started_at ${text},
       finished_at ${text},
       gates ${text} NOT NULL,
       note ${text},
       owner_instance ${text}
     )`,
    `CREATE UNIQUE INDEX releases_one_in_progress_per_environment ON releases (environment) WHERE status = 'in-progress'`,
    'CREATE INDEX releases_by_environment ON releases (environment, seq)',
    'CREATE INDEX releases_by_status ON releases (status, seq)',
    `CREATE TABLE release_approvals (
       release_id ${text} NOT NULL REFERENCES releases (id),
       user_id ${text} NOT NULL,
       user_name ${text} NOT NULL,
       decision ${text} NOT NULL CHECK (decision IN ('approve', 'reject')),
       comment ${text},
       at ${text} NOT NULL,
       PRIMARY KEY (release_id, user_id)
     )`,
    `CREATE TABLE service_instances (
       id ${text} PRIMARY KEY,
       pid INTEGER NOT NULL,
       host ${text} NOT NULL,
       started_at ${text} NOT NULL,
       heartbeat_at ${text} NOT NULL
     )`,
  ],
};
