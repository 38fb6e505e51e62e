import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { SecretError } from './secretError';
import type { SecretKey } from './secretKey';

/**
 * A sealed secret value (envelope encryption): the value is encrypted with its own random data key under
 * AES-256-GCM, and the data key is encrypted (wrapped) under the server key `kid`. Rotating the server key
 * re-wraps data keys only. `context` (environment and variable name) is bound as additional data, so a sealed
 * value copied to another variable does not open.
 */
const envelopeSchema = z.object({
  v: z.literal(1),
  kid: z.string(),
  dek: z.string(),
  iv: z.string(),
  tag: z.string(),
  ct: z.string(),
});

type Envelope = z.infer<typeof envelopeSchema>;

const algorithm = 'aes-256-gcm';

/** Encrypts `plaintext` for storage; each call uses a fresh data key and fresh 96-bit IVs. */
export function sealSecret(plaintext: string, serverKey: SecretKey, context: string): string {
  const dataKey = randomBytes(32);
  const value = encrypt(dataKey, Buffer.from(plaintext, 'utf8'), context);
  const envelope: Envelope = { v: 1, kid: serverKey.id, dek: wrap(serverKey, dataKey), ...value };
  return JSON.stringify(envelope);
}

/** Decrypts a sealed value with whichever of `keys` sealed it; throws a typed `SecretError` otherwise. */
export function openSecret(sealed: string, keys: readonly SecretKey[], context: string): string {
  const envelope = parseEnvelope(sealed);
  const dataKey = unwrap(envelope, keys);
  return decrypt(dataKey, envelope, context).toString('utf8');
}

/** The id of the server key that wrapped a sealed value. */
export function sealedKeyId(sealed: string): string {
  return parseEnvelope(sealed).kid;
}

/** Re-wraps a sealed value's data key under `serverKey`; the encrypted value itself is unchanged. */
export function rewrapSecret(sealed: string, keys: readonly SecretKey[], serverKey: SecretKey): string {
  const envelope = parseEnvelope(sealed);
  const dataKey = unwrap(envelope, keys);
  return JSON.stringify({ ...envelope, kid: serverKey.id, dek: wrap(serverKey, dataKey) } satisfies Envelope);
}

function parseEnvelope(sealed: string): Envelope {
  let parsed: unknown;
  try {
    parsed = JSON.parse(sealed);
  } catch {
    parsed = null;
  }
  const envelope = envelopeSchema.safeParse(parsed);
  if (!envelope.success) throw new SecretError('secret_undecryptable', 'a stored secret is not a sealed value this server can read');
  return envelope.data;
}

function unwrap(envelope: Envelope, keys: readonly SecretKey[]): Buffer {
  const serverKey = keys.find((candidate) => candidate.id === envelope.kid);
  if (!serverKey) {
    throw new SecretError('secret_key_unknown', `a stored secret was sealed with server key ${envelope.kid}, which this server does not have`);
  }
  const [iv = '', tag = '', ct = ''] = envelope.dek.split('.');
  return decrypt(serverKey.key, { iv, tag, ct }, `dek:${envelope.kid}`);
}

function wrap(serverKey: SecretKey, dataKey: Buffer): string {
  const { iv, tag, ct } = encrypt(serverKey.key, dataKey, `dek:${serverKey.id}`);
  return `${iv}.${tag}.${ct}`;
}

function encrypt(key: Buffer, plaintext: Buffer, context: string): { iv: string; tag: string; ct: string } {
  const iv = randomBytes(12);
  const cipher = createCipheriv(algorithm, key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ct: ct.toString('base64') };
}

function decrypt(key: Buffer, sealed: { iv: string; tag: string; ct: string }, context: string): Buffer {
  try {
    // A full-length tag only: GCM would otherwise accept a truncated one, which is easier to forge.
    const decipher = createDecipheriv(algorithm, key, Buffer.from(sealed.iv, 'base64'), { authTagLength: 16 });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]);
  } catch {
    throw new SecretError('secret_undecryptable', 'a stored secret failed its integrity check: it was altered or sealed for another variable');
  }
}
