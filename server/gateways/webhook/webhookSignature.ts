import { createHmac } from 'node:crypto';

/** The header a signed activation carries. */
export const forgeSignatureHeader = 'x-forge-signature';

/** `sha256=<hex HMAC-SHA256 of the raw body under the secret>`: what a receiver recomputes to verify an activation. */
export function forgeSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}
