import type { Migration } from '../migration';

/** Users with a role, and their bearer tokens stored only as SHA-256 hashes (PRODUCT.md §8). */
export const usersAndTokensMigration: Migration = {
  id: 2,
  name: 'users and tokens',
  statements: ({ text }) => [
    `CREATE TABLE users (
       id ${text} PRIMARY KEY,
       name ${text} NOT NULL UNIQUE,
       role ${text} NOT NULL CHECK (role IN ('developer', 'maintainer', 'admin')),
       created_at ${text} NOT NULL,
       disabled INTEGER NOT NULL DEFAULT 0
     )`,
    `CREATE TABLE tokens (
       id ${text} PRIMARY KEY,
       user_id ${text} NOT NULL REFERENCES users (id),
       name ${text} NOT NULL,
       hash ${text} NOT NULL UNIQUE,
       created_at ${text} NOT NULL,
       revoked_at ${text},
       last_used_at ${text}
     )`,
    'CREATE INDEX tokens_by_user ON tokens (user_id)',
  ],
};
