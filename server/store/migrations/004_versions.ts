import type { Migration } from '../migration';

/** Immutable version bundles: one row per tag, one per artifact with its content and hash (PRODUCT.md §3). */
export const versionsMigration: Migration = {
  id: 4,
  name: 'versions',
  statements: ({ text, serialKey }) => [
    `CREATE TABLE versions (
       seq ${serialKey},
       tag ${text} NOT NULL UNIQUE,
       commit_id ${text} NOT NULL,
       message ${text},
       created_by ${text} NOT NULL,
       created_at ${text} NOT NULL,
       valid INTEGER NOT NULL,
       inferred_bump ${text} NOT NULL,
       declared_bump ${text} NOT NULL,
       previous_tag ${text},
       content_hash ${text} NOT NULL
     )`,
    `CREATE TABLE version_artifacts (
       tag ${text} NOT NULL REFERENCES versions (tag),
       position INTEGER NOT NULL,
       kind ${text} NOT NULL,
       name ${text} NOT NULL,
       path ${text} NOT NULL,
       hash ${text} NOT NULL,
       content ${text} NOT NULL,
       diagnostics ${text} NOT NULL,
       PRIMARY KEY (tag, path)
     )`,
    `CREATE TABLE version_checks (
       seq ${serialKey},
       tag ${text} NOT NULL REFERENCES versions (tag),
       name ${text} NOT NULL,
       status ${text} NOT NULL CHECK (status IN ('success', 'failure')),
       summary ${text},
       url ${text},
       reported_by ${text} NOT NULL,
       reported_at ${text} NOT NULL
     )`,
    'CREATE INDEX version_checks_by_tag ON version_checks (tag, name)',
  ],
};
