import type { Migration } from '../migration';

/**
 * Verification after deploy: what each environment watches, each succeeded release's window and every check it
 * made. A window is evaluated in rounds; `claimed_round`/`claimed_by` let exactly one replica evaluate each round,
 * and the unique (release, round, metric) keeps a round from being recorded twice whatever happens.
 */
export const verificationWindowsMigration: Migration = {
  id: 60,
  name: 'verification windows',
  statements: ({ text, serialKey, engine }) => [
    `CREATE TABLE environment_verifications (
       environment ${text} PRIMARY KEY REFERENCES environments (name),
       config ${text} NOT NULL,
       updated_at ${text} NOT NULL
     )`,
    `CREATE TABLE release_verifications (
       release_id ${text} PRIMARY KEY REFERENCES releases (id),
       environment ${text} NOT NULL,
       version ${text} NOT NULL,
       previous_version ${text},
       config ${text} NOT NULL,
       workflows ${text} NOT NULL,
       state ${text} NOT NULL CHECK (state IN ('running', 'passed', 'failed', 'inconclusive')),
       started_at ${text} NOT NULL,
       until_at ${text} NOT NULL,
       next_round INTEGER NOT NULL,
       next_check_at ${text} NOT NULL,
       claimed_round INTEGER NOT NULL,
       claimed_by ${text},
       finished_at ${text},
       reason ${text},
       rollback_release_id ${text}
     )`,
    `CREATE INDEX release_verifications_due ON release_verifications (state, next_check_at)`,
    `CREATE INDEX release_verifications_by_environment ON release_verifications (environment, state)`,
    `CREATE TABLE verification_checks (
       seq ${serialKey},
       release_id ${text} NOT NULL REFERENCES release_verifications (release_id),
       round INTEGER NOT NULL,
       metric ${text} NOT NULL,
       value ${engine === 'postgres' ? 'DOUBLE PRECISION' : 'REAL'},
       bound ${text} NOT NULL,
       verdict ${text} NOT NULL CHECK (verdict IN ('pass', 'breach', 'inconclusive')),
       series ${text},
       detail ${text},
       at ${text} NOT NULL,
       UNIQUE (release_id, round, metric)
     )`,
  ],
};
