import type { Migration } from '../migration';

/**
 * The approval process of a release that waits for reviewers: the policy it was requested under (a later
 * policy change does not move the goalposts of a waiting release) and when it expires, indexed for the sweeper.
 */
export const approvalRequestsMigration: Migration = {
  id: 12,
  name: 'approval requests',
  statements: ({ text }) => [
    `CREATE TABLE release_approval_requests (
       release_id ${text} PRIMARY KEY REFERENCES releases (id),
       reviewers ${text} NOT NULL,
       required INTEGER NOT NULL,
       timeout_minutes INTEGER NOT NULL,
       expires_at ${text} NOT NULL
     )`,
    'CREATE INDEX release_approval_requests_by_expiry ON release_approval_requests (expires_at)',
    'CREATE INDEX releases_by_approval ON releases (approval, seq)',
  ],
};
