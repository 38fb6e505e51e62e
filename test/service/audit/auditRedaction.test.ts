import { strict as assert } from 'node:assert';
import { isSensitiveKey, redactAuditDetails } from '../../../server/audit/auditRedaction';
import { verifyAuditChain } from '../../../server/audit/verifyAuditChain';
import { append, openTestDatabase, type TestDatabase } from './auditTestDatabase';
import { describeEachEngine } from '../../support/engines';

describeEachEngine('audit redaction guard', (engine) => {
  for (const key of [
    'token',
    'accessToken',
    'api_key',
    'apiKey',
    'x-api-key',
    'dbPassword',
    'PASSWORD',
    'authorization',
    'clientSecret',
    'secret',
    'credentials',
    'privateKey',
    'session-cookie',
    'tokenHash',
  ]) {
    it(`treats "${key}" as sensitive`, () => assert.equal(isSensitiveKey(key), true));
  }
  for (const key of ['tokenId', 'tokenName', 'secretName', 'secretCount', 'key', 'name', 'durationMs', 'approvals', 'keyId', 'monkey', 'tokenizer']) {
    it(`keeps "${key}"`, () => assert.equal(isSensitiveKey(key), false));
  }

  it('replaces sensitive values at any depth and reports their paths', () => {
    const { details, redactedPaths } = redactAuditDetails({
      user: { name: 'ci', token: 'fr_abcdef' },
      gateways: [{ url: 'http://gw', headers: { Authorization: 'Basic Zm9vOmJhcg==' } }],
      variable: { key: 'DB_URL', secret: true, value: 'postgres://u:p@h/db' },
      plain: { key: 'REGION', secret: false, value: 'eu-west-1' },
      note: 'Bearer 0123456789abcdef',
      tokenId: 't-1',
      secret: true,
      count: 3,
    });
    assert.deepEqual(details, {
      user: { name: 'ci', token: '[redacted]' },
      gateways: [{ url: 'http://gw', headers: { Authorization: '[redacted]' } }],
      variable: { key: 'DB_URL', secret: true, value: '[redacted]' },
      plain: { key: 'REGION', secret: false, value: 'eu-west-1' },
      note: '[redacted]',
      tokenId: 't-1',
      secret: true,
      count: 3,
    });
    assert.deepEqual(redactedPaths.sort(), ['details.gateways[0].headers.Authorization', 'details.note', 'details.user.token', 'details.variable.value']);
  });

  it('redacts a whole sensitive object or list', () => {
    assert.deepEqual(redactAuditDetails({ secrets: ['a', 'b'], credentials: { user: 'u', pass: 'p' } }).details, {
      secrets: '[redacted]',
      credentials: '[redacted]',
    });
  });

  describe('on append', () => {
    let test: TestDatabase;
    before(async () => {
      test = await openTestDatabase(engine);
    });
    after(() => test.close());

    it('never stores a secret value, and the stored event still verifies', async () => {
      const secretValue = 'sk-live-4f2b9d1e7a';
      const event = await append(
        test.db,
        { actor: 'admin', action: 'secret.updated', environment: 'production', details: { key: 'OPENAI_KEY', secret: true, value: secretValue, password: secretValue } },
        '2024-03-01T10:00:00Z',
      );
      assert.deepEqual(event.details, { key: 'OPENAI_KEY', secret: true, value: '[redacted]', password: '[redacted]' });
      const stored = await test.db.execute('SELECT * FROM audit_events');
      assert.ok(!JSON.stringify(stored.rows).includes(secretValue));
      assert.equal((await verifyAuditChain(test.db)).ok, true);
    });
  });
});
