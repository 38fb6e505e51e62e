import { createHash } from 'node:crypto';
import { canonicalJson } from './canonicalJson';

/** SHA-256 (hex) of a value's canonical JSON: the identity of an artifact's content. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
