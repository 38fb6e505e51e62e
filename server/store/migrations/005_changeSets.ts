import type { Migration } from '../migration';

/** Change sets (merged PRs grouped as a unit) and the versions that include them (PRODUCT.md §3). */
export const changeSetsMigration: Migration = {
  id: 5,
  name: 'change sets',
  statements: ({ text, serialKey }) => [
    `CREATE TABLE change_sets (
       seq ${serialKey},
       id ${text} NOT NULL UNIQUE,
       name ${text} NOT NULL,
       pull_requests ${text} NOT NULL,
       artifacts ${text} NOT NULL,
       created_by ${text} NOT NULL,
       created_at ${text} NOT NULL
     )`,
    `CREATE TABLE version_change_sets (
       tag ${text} NOT NULL REFERENCES versions (tag),
       change_set_id ${text} NOT NULL REFERENCES change_sets (id),
       PRIMARY KEY (tag, change_set_id)
     )`,
    'CREATE INDEX version_change_sets_by_change_set ON version_change_sets (change_set_id)',
  ],
};
