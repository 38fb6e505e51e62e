import type { Migration } from '../store/migration';

/**
 * The schema of each environment's own database: what its gateways read. Artifact contents are stored once per
 * hash; a staged set lists a version's artifacts; the active pointer names the live version, and every flip
 * is recorded per release so start-up recovery can tell whether a release's flip committed.
 */
export const environmentDatabaseMigrations: readonly Migration[] = [
  {
    id: 1,
    name: 'workflow definitions',
    statements: [
      'CREATE TABLE blobs (hash TEXT PRIMARY KEY, content TEXT NOT NULL)',
      `CREATE TABLE staged_artifacts (
         version TEXT NOT NULL,
         kind TEXT NOT NULL,
         name TEXT NOT NULL,
         path TEXT NOT NULL,
         hash TEXT NOT NULL REFERENCES blobs (hash),
         PRIMARY KEY (version, path)
       )`,
      `CREATE TABLE staged_sets (
         version TEXT PRIMARY KEY,
         release_id TEXT NOT NULL,
         artifact_count INTEGER NOT NULL,
         staged_at TEXT NOT NULL
       )`,
      `CREATE TABLE activations (
         release_id TEXT PRIMARY KEY,
         version TEXT NOT NULL REFERENCES staged_sets (version),
         activated_at TEXT NOT NULL
       )`,
      `CREATE TABLE active_pointer (
         slot INTEGER PRIMARY KEY CHECK (slot = 1),
         version TEXT NOT NULL REFERENCES staged_sets (version),
         release_id TEXT NOT NULL,
         activated_at TEXT NOT NULL
       )`,
    ],
  },
];
