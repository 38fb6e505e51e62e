import type { Migration } from '../migration';

/**
 * Variables and secrets scoped to one environment. A plain variable keeps its `value`; a secret keeps only
 * `ciphertext` (AES-256-GCM envelope, see server/secrets) and the id of the key that wrapped it, for rotation.
 */
export const environmentVariablesMigration: Migration = {
  id: 11,
  name: 'environment variables',
  statements: ({ text }) => [
    `CREATE TABLE environment_variables (
       environment ${text} NOT NULL,
       key ${text} NOT NULL,
       secret INTEGER NOT NULL CHECK (secret IN (0, 1)),
       value ${text},
       ciphertext ${text},
       key_id ${text},
       updated_by ${text} NOT NULL,
       updated_at ${text} NOT NULL,
       PRIMARY KEY (environment, key),
       CHECK ((secret = 0 AND value IS NOT NULL AND ciphertext IS NULL AND key_id IS NULL)
           OR (secret = 1 AND value IS NULL AND ciphertext IS NOT NULL AND key_id IS NOT NULL))
     )`,
  ],
};
