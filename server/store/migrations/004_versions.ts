import type { Migration } from '../migration';

/** Immutable version bundles: one row per tag, one per artifact with its content and hash (PRODUCT.md §3). */
export const versionsMigration: Migration = {
  id: 4,
  name: 'versions',
  statements: [
    `CREATE TABLE versions (
       seq INTEGER PRIMARY KEY AUTOINCREMENT,
       tag TEXT NOT NULL UNIQUE,
       commit_id TEXT NOT NULL,
       message TEXT,
       created_by TEXT NOT NULL,
       created_at TEXT NOT NULL,
       valid INTEGER NOT NULL,
       inferred_bump TEXT NOT NULL,
       declared_bump TEXT NOT NULL,
       previous_tag TEXT,
       content_hash TEXT NOT NULL
     )`,
    `CREATE TABLE version_artifacts (
       tag TEXT NOT NULL REFERENCES versions (tag),
       position INTEGER NOT NULL,
       kind TEXT NOT NULL,
       name TEXT NOT NULL,
       path TEXT NOT NULL,
       hash TEXT NOT NULL,
       content TEXT NOT NULL,
       diagnostics TEXT NOT NULL,
       PRIMARY KEY (tag, path)
     )`,
    `CREATE TABLE version_checks (
       seq INTEGER PRIMARY KEY AUTOINCREMENT,
       tag TEXT NOT NULL REFERENCES versions (tag),
       name TEXT NOT NULL,
       status TEXT NOT NULL CHECK (status IN ('success', 'failure')),
       summary TEXT,
       url TEXT,
       reported_by TEXT NOT NULL,
       reported_at TEXT NOT NULL
     )`,
    'CREATE INDEX version_checks_by_tag ON version_checks (tag, name)',
  ],
};
