import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header GitHub (and compatible hosts) sign push webhooks with. */
export const signatureHeader = 'x-hub-signature-256';

const signaturePattern = /^sha256=([0-9a-f]{64})$/i;

/** Whether `header` is the signature of the raw `body` under `secret`, compared in constant time. */
export function isValidWebhookSignature(secret: string, body: Uint8Array, header: string | undefined): boolean {
  const match = signaturePattern.exec(header?.trim() ?? '');
  if (!match?.[1]) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(match[1], 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
