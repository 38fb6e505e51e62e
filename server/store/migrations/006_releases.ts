import type { Migration } from '../migration';

/**
 * Releases, their reviewer decisions, and the service processes that own running releases. The unique partial
 * index is the environment lock: at most one release in progress per environment, across every process that
 * shares the database.
 */
export const releasesMigration: Migration = {
  id: 6,
  name: 'releases',
  statements: [
    `CREATE TABLE releases (
       seq INTEGER PRIMARY KEY AUTOINCREMENT,
       id TEXT NOT NULL UNIQUE,
       version TEXT NOT NULL,
       environment TEXT NOT NULL,
       kind TEXT NOT NULL CHECK (kind IN ('deploy', 'promote', 'rollback')),
       status TEXT NOT NULL CHECK (status IN ('pending', 'in-progress', 'succeeded', 'failed')),
       approval TEXT NOT NULL CHECK (approval IN ('not-required', 'waiting', 'approved', 'rejected', 'expired')),
       reason TEXT,
       previous_version TEXT,
       requested_by TEXT NOT NULL,
       requested_by_id TEXT NOT NULL,
       requested_at TEXT NOT NULL,
       started_at TEXT,
       finished_at TEXT,
       gates TEXT NOT NULL,
       note TEXT,
       owner_instance TEXT
     )`,
    `CREATE UNIQUE INDEX releases_one_in_progress_per_environment ON releases (environment) WHERE status = 'in-progress'`,
    'CREATE INDEX releases_by_environment ON releases (environment, seq)',
    'CREATE INDEX releases_by_status ON releases (status, seq)',
    `CREATE TABLE release_approvals (
       release_id TEXT NOT NULL REFERENCES releases (id),
       user_id TEXT NOT NULL,
       user_name TEXT NOT NULL,
       decision TEXT NOT NULL CHECK (decision IN ('approve', 'reject')),
       comment TEXT,
       at TEXT NOT NULL,
       PRIMARY KEY (release_id, user_id)
     )`,
    `CREATE TABLE service_instances (
       id TEXT PRIMARY KEY,
       pid INTEGER NOT NULL,
       host TEXT NOT NULL,
       started_at TEXT NOT NULL,
       heartbeat_at TEXT NOT NULL
     )`,
  ],
};
