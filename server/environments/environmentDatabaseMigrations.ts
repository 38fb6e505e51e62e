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
    statements: ({ text }) => [
      `CREATE TABLE blobs (hash ${text} PRIMARY KEY, content ${text} NOT NULL)`,
      `CREATE TABLE staged_artifacts (
         version ${text} NOT NULL,
         kind ${text} NOT NULL,
         name ${text} NOT NULL,
         path ${text} NOT NULL,
         hash ${text} NOT NULL REFERENCES blobs (hash),
         PRIMARY KEY (version, path)
       )`,
      `CREATE TABLE staged_sets (
         version ${text} PRIMARY KEY,
         release_id ${text} NOT NULL,
         artifact_count INTEGER NOT NULL,
         staged_at ${text} NOT NULL
       )`,
      `CREATE TABLE activations (
         release_id ${text} PRIMARY KEY,
         version ${text} NOT NULL REFERENCES staged_sets (version),
         activated_at ${text} NOT NULL
       )`,
      `CREATE TABLE active_pointer (
         slot INTEGER PRIMARY KEY CHECK (slot = 1),
         version ${text} NOT NULL REFERENCES staged_sets (version),
         release_id ${text} NOT NULL,
         activated_at ${text} NOT NULL
       )`,
    ],
  },
];
