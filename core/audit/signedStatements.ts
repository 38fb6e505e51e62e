import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { Checkpoint } from '../api/audit';
import { canonicalJson } from '../json/canonicalJson';

/** What a signature vouches for; the purpose is part of the signed text, so one kind can never pass as another. */
export type SignedPurpose = 'checkpoint' | 'report';

/** The exact text an Ed25519 signature covers: a line naming the purpose, then the payload. */
export function signedText(purpose: SignedPurpose, payload: string): string {
  return `forge-releases ${purpose} v1\n${payload}`;
}

/** The payload of a checkpoint's signature: its fields but the signature, as canonical JSON. */
export function checkpointPayload(checkpoint: Omit<Checkpoint, 'signature'>): string {
  const { seq, hash, at, signedAt, keyId } = checkpoint;
  return canonicalJson({ seq, hash, at, signedAt, keyId });
}

/** A public key's id: the first 16 hex digits of SHA-256 over its SPKI encoding. */
export function publicKeyId(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** Whether `signature` (base64) is `publicKey`'s Ed25519 signature of the purpose's text. */
export function signatureValid(purpose: SignedPurpose, payload: string, signature: string, publicKey: KeyObject): boolean {
  try {
    return verify(null, Buffer.from(signedText(purpose, payload)), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** Whether a checkpoint names `publicKey` and carries its valid signature. */
export function checkpointSigned(checkpoint: Checkpoint, publicKey: KeyObject): boolean {
  return checkpoint.keyId === publicKeyId(publicKey) && signatureValid('checkpoint', checkpointPayload(checkpoint), checkpoint.signature, publicKey);
}

/** An Ed25519 public key from an SPKI PEM, or from the JSON `GET /api/audit/public-key` answers. */
export function readPublicKey(text: string): KeyObject {
  const trimmed = text.trim();
  const pem = trimmed.startsWith('{') ? publicKeyField(JSON.parse(trimmed)) : trimmed;
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the key is ${key.asymmetricKeyType ?? 'not an asymmetric key'}, not Ed25519`);
  return key;
}

function publicKeyField(answer: unknown): string {
  const publicKey = typeof answer === 'object' && answer !== null ? (answer as { publicKey?: unknown }).publicKey : undefined;
  return typeof publicKey === 'string' ? publicKey : '';
}
