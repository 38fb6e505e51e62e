import type { Migration } from '../migration';

/**
 * Evaluation results reported for versions (`POST /api/versions/:tag/evaluations`), each with the content hash
 * of the version it judged; the `evaluation` gate reads the latest of a suite, in `seq` order.
 */
export const evaluationResultsMigration: Migration = {
  id: 40,
  name: 'evaluation results',
  statements: ({ text, serialKey }) => [
    `CREATE TABLE evaluation_results (
       seq ${serialKey},
       id ${text} NOT NULL UNIQUE,
       tag ${text} NOT NULL REFERENCES versions (tag),
       suite ${text} NOT NULL,
       environment ${text},
       metrics ${text} NOT NULL,
       dataset ${text},
       summary ${text},
       url ${text},
       content_hash ${text} NOT NULL,
       reported_by ${text} NOT NULL,
       reported_at ${text} NOT NULL
     )`,
    'CREATE INDEX evaluation_results_by_version ON evaluation_results (tag, suite, seq)',
  ],
};
