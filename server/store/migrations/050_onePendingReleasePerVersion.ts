import type { Migration } from '../migration';

/**
 * At most one release of a version to an environment waits (status `pending`, for reviewers or, approved, for
 * the environment's lock) at a time: a second request is refused rather than opening a parallel approval
 * process. A unique partial index decides it, so the refusal holds across every replica. Releases that already
 * waited beside an earlier one of the same version before this rule existed are marked `duplicate_pending` and
 * left out of the index: they run their course (decided or expired) as they were requested.
 */
export const onePendingReleasePerVersionMigration: Migration = {
  id: 50,
  name: 'one pending release per version and environment',
  statements: () => [
    'ALTER TABLE releases ADD COLUMN duplicate_pending INTEGER NOT NULL DEFAULT 0',
    `UPDATE releases SET duplicate_pending = 1
     WHERE status = 'pending' AND EXISTS (
       SELECT 1 FROM releases earlier
       WHERE earlier.status = 'pending' AND earlier.environment = releases.environment
         AND earlier.version = releases.version AND earlier.seq < releases.seq)`,
    `CREATE UNIQUE INDEX releases_one_pending_per_version ON releases (environment, version)
     WHERE status = 'pending' AND duplicate_pending = 0`,
  ],
};
