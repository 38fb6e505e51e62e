import { createHash, randomBytes } from 'node:crypto';

/** A new bearer token: 256 random bits, URL-safe. Shown once; only its hash is stored. */
export function generateToken(): string {
  return `forge_${randomBytes(32).toString('base64url')}`;
}

/** The stored form of a token: SHA-256 hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
