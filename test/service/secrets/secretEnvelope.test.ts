import { strict as assert } from 'node:assert';
import { openSecret, rewrapSecret, sealSecret, sealedKeyId } from '../../../server/secrets/secretEnvelope';
import { SecretError } from '../../../server/secrets/secretError';
import { parseSecretKey } from '../../../server/secrets/secretKey';

const serverKey = parseSecretKey(Buffer.alloc(32, 1).toString('base64'));
const otherKey = parseSecretKey(Buffer.alloc(32, 2).toString('base64'));
const plaintext = 'sk-live-0123456789abcdef';
const context = 'production\u0000OPENAI_API_KEY';

const failsWith = (code: string) => (error: unknown) => error instanceof SecretError && error.code === code && !error.message.includes(plaintext);

describe('secret envelope (AES-256-GCM)', () => {
  it('opens what it sealed, and the sealed text holds neither the value nor its base64', () => {
    const sealed = sealSecret(plaintext, serverKey, context);
    assert.equal(openSecret(sealed, [serverKey], context), plaintext);
    assert.ok(!sealed.includes(plaintext));
    assert.ok(!sealed.includes(Buffer.from(plaintext).toString('base64')));
    assert.equal(sealedKeyId(sealed), serverKey.id);
  });

  it('uses a fresh data key and IV each time', () => {
    const first = JSON.parse(sealSecret(plaintext, serverKey, context));
    const second = JSON.parse(sealSecret(plaintext, serverKey, context));
    assert.notEqual(first.iv, second.iv);
    assert.notEqual(first.ct, second.ct);
    assert.notEqual(first.dek, second.dek);
    assert.equal(Buffer.from(first.iv, 'base64').length, 12);
    assert.equal(Buffer.from(first.tag, 'base64').length, 16);
  });

  it('seals unicode and empty values', () => {
    for (const value of ['', 'pässwörd ✓ 鍵', 'x'.repeat(65_536)]) {
      assert.equal(openSecret(sealSecret(value, serverKey, context), [serverKey], context), value);
    }
  });

  it('refuses to open with a different server key: secret_key_unknown', () => {
    const sealed = sealSecret(plaintext, serverKey, context);
    assert.throws(() => openSecret(sealed, [otherKey], context), failsWith('secret_key_unknown'));
  });

  it('refuses a value sealed for another variable: secret_undecryptable', () => {
    const sealed = sealSecret(plaintext, serverKey, context);
    assert.throws(() => openSecret(sealed, [serverKey], 'staging\u0000OPENAI_API_KEY'), failsWith('secret_undecryptable'));
  });

  it('refuses altered ciphertext, a truncated tag and a forged key id', () => {
    const envelope = JSON.parse(sealSecret(plaintext, serverKey, context));
    const flipped = Buffer.from(envelope.ct, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    const altered = JSON.stringify({ ...envelope, ct: flipped.toString('base64') });
    assert.throws(() => openSecret(altered, [serverKey], context), failsWith('secret_undecryptable'));
    const truncated = JSON.stringify({ ...envelope, tag: Buffer.from(envelope.tag, 'base64').subarray(0, 4).toString('base64') });
    assert.throws(() => openSecret(truncated, [serverKey], context), failsWith('secret_undecryptable'));
    const forged = JSON.stringify({ ...envelope, kid: otherKey.id });
    assert.throws(() => openSecret(forged, [serverKey, otherKey], context), failsWith('secret_undecryptable'));
    assert.throws(() => openSecret('not json', [serverKey], context), failsWith('secret_undecryptable'));
  });

  it('re-wraps under a new key without re-encrypting the value', () => {
    const sealed = sealSecret(plaintext, serverKey, context);
    const rewrapped = rewrapSecret(sealed, [serverKey], otherKey);
    assert.equal(JSON.parse(rewrapped).ct, JSON.parse(sealed).ct);
    assert.equal(sealedKeyId(rewrapped), otherKey.id);
    assert.equal(openSecret(rewrapped, [otherKey], context), plaintext);
    assert.throws(() => openSecret(rewrapped, [serverKey], context), failsWith('secret_key_unknown'));
  });
});
