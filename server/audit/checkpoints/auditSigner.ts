import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { publicKeyId, signedText, type SignedPurpose } from '../../../core/audit/signedStatements';
import { readOrCreateKeyFile } from '../../secrets/keyFile';

/** The key file's name inside the data directory. */
export const auditSigningKeyFileName = 'audit-signing.key';

/**
 * Signs checkpoints and reports with the service's Ed25519 key. The private key never leaves this object: not in
 * logs, answers or audit events; only the public key and its id are shown.
 */
export interface AuditSigner {
  keyId: string;
  publicKey: KeyObject;
  /** SPKI PEM, what `GET /api/audit/public-key` answers. */
  publicKeyPem: string;
  /** Base64 Ed25519 signature of the purpose's text (core/audit/signedStatements.ts). */
  sign(purpose: SignedPurpose, payload: string): string;
}

/** A configured signing key that cannot be used; the message never quotes the key. */
export class AuditSigningKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditSigningKeyError';
  }
}

// PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410): the fixed prefix, then the seed.
const ed25519SeedPrefix = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * Reads `FORGE_AUDIT_SIGNING_KEY`: an Ed25519 private key as PKCS#8 PEM (`openssl genpkey -algorithm ed25519`),
 * or base64 of a 32-byte seed (`openssl rand -base64 32`).
 */
export function parseAuditSigningKey(text: string): KeyObject {
  const trimmed = text.trim();
  let key: KeyObject;
  try {
    if (trimmed.startsWith('-----BEGIN')) {
      key = createPrivateKey(trimmed);
    } else {
      const seed = Buffer.from(trimmed, 'base64');
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || seed.length !== 32) throw new Error('not 32 bytes');
      key = createPrivateKey({ key: Buffer.concat([ed25519SeedPrefix, seed]), format: 'der', type: 'pkcs8' });
    }
  } catch {
    throw new AuditSigningKeyError('the audit signing key must be an Ed25519 private key in PKCS#8 PEM, or base64 of a 32-byte seed');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new AuditSigningKeyError(`the audit signing key is ${key.asymmetricKeyType}, not Ed25519`);
  return key;
}

/** The signer of a private key. */
export function auditSigner(privateKey: KeyObject): AuditSigner {
  const publicKey = createPublicKey(privateKey);
  return {
    keyId: publicKeyId(publicKey),
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign: (purpose, payload) => sign(null, Buffer.from(signedText(purpose, payload)), privateKey).toString('base64'),
  };
}

/**
 * The signer to use: `configured` (from `FORGE_AUDIT_SIGNING_KEY`) when given, otherwise the key in
 * `<dataDir>/audit-signing.key`, generated (mode 0600) on first start.
 */
export async function resolveAuditSigner(configured: string | undefined, dataDir: string): Promise<AuditSigner> {
  if (configured) return auditSigner(parseAuditSigningKey(configured));
  const generate = () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return auditSigner(parseAuditSigningKey(await readOrCreateKeyFile(dataDir, auditSigningKeyFileName, generate)));
}
