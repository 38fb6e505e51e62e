import type { Migration } from '../migration';

/** Change sets (merged PRs grouped as a unit) and the versions that include them (PRODUCT.md §3). */
export const changeSetsMigration: Migration = {
  id: 5,
  name: 'change sets',
  statements: [
    `CREATE TABLE change_sets (
       seq INTEGER PRIMARY KEY AUTOINCREMENT,
       id TEXT NOT NULL UNIQUE,
       name TEXT NOT NULL,
       pull_requests TEXT NOT NULL,
       artifacts TEXT NOT NULL,
       created_by TEXT NOT NULL,
       created_at TEXT NOT NULL
     )`,
    `CREATE TABLE version_change_sets (
       tag TEXT NOT NULL REFERENCES versions (tag),
       change_set_id TEXT NOT NULL REFERENCES change_sets (id),
       PRIMARY KEY (tag, change_set_id)
     )`,
    'CREATE INDEX version_change_sets_by_change_set ON version_change_sets (change_set_id)',
  ],
};
