import { createHash, randomBytes } from 'node:crypto';
import { readOrCreateKeyFile } from './keyFile';
import { SecretError } from './secretError';

/** The server's key-encryption key: 32 bytes, and an id derived from it that sealed secrets record. */
export interface SecretKey {
  id: string;
  key: Buffer;
}

/** The key file's name inside the data directory. */
export const secretKeyFileName = 'secret.key';

/** Reads a key given as base64 of 32 random bytes (`FORGE_SECRET_KEY`); throws `secret_key_invalid` otherwise. */
export function parseSecretKey(base64: string): SecretKey {
  const text = base64.trim();
  const key = Buffer.from(text, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || key.length !== 32) {
    throw new SecretError('secret_key_invalid', 'the secret key must be base64 of exactly 32 bytes (e.g. `openssl rand -base64 32`)');
  }
  // A fingerprint, not the key: enough to tell keys apart when rotating.
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 16), key };
}

/**
 * The key stored in `<dataDir>/secret.key`, created (mode 0600) with 32 random bytes on first use; processes
 * starting at once agree on one key.
 */
export async function loadOrCreateSecretKey(dataDir: string): Promise<SecretKey> {
  return parseSecretKey(await readOrCreateKeyFile(dataDir, secretKeyFileName, () => `${randomBytes(32).toString('base64')}\n`));
}

/** The key to use: `configured` (from `FORGE_SECRET_KEY`) when given, otherwise the data directory's key file. */
export function resolveSecretKey(configured: string | undefined, dataDir: string): Promise<SecretKey> {
  return configured ? Promise.resolve(parseSecretKey(configured)) : loadOrCreateSecretKey(dataDir);
}
