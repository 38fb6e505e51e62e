import type { Migration } from '../migration';

/** Users with a role, and their bearer tokens stored only as SHA-256 hashes (PRODUCT.md §8). */
export const usersAndTokensMigration: Migration = {
  id: 2,
  name: 'users and tokens',
  statements: [
    `CREATE TABLE users (
       id TEXT PRIMARY KEY,
       name TEXT NOT NULL UNIQUE,
       role TEXT NOT NULL CHECK (role IN ('developer', 'maintainer', 'admin')),
       created_at TEXT NOT NULL,
       disabled INTEGER NOT NULL DEFAULT 0
     )`,
    `CREATE TABLE tokens (
       id TEXT PRIMARY KEY,
       user_id TEXT NOT NULL REFERENCES users (id),
       name TEXT NOT NULL,
       hash TEXT NOT NULL UNIQUE,
       created_at TEXT NOT NULL,
       revoked_at TEXT,
       last_used_at TEXT
     )`,
    'CREATE INDEX tokens_by_user ON tokens (user_id)',
  ],
};
