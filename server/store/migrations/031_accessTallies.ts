import type { Migration } from '../migration';

/**
 * Reads of production counted per user, environment, window and path until the window closes; then one `access`
 * audit event per user, environment and window replaces the window's rows. Counting is one upsert per read, so
 * replicas counting the same window add up in the database.
 */
export const accessTalliesMigration: Migration = {
  id: 31,
  name: 'access tallies',
  statements: ({ text }) => [
    `CREATE TABLE access_tallies (
       actor ${text} NOT NULL,
       environment ${text} NOT NULL,
       window_start ${text} NOT NULL,
       window_end ${text} NOT NULL,
       method ${text} NOT NULL,
       path ${text} NOT NULL,
       reads INTEGER NOT NULL,
       first_at ${text} NOT NULL,
       last_at ${text} NOT NULL,
       PRIMARY KEY (actor, environment, window_start, method, path)
     )`,
    'CREATE INDEX access_tallies_by_end ON access_tallies (window_end)',
  ],
};
