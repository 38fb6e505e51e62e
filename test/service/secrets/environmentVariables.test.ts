import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { queryAuditEvents } from '../../../server/audit/queryAuditEvents';
import { verifyAuditChain } from '../../../server/audit/verifyAuditChain';
import { DomainError } from '../../../server/errors';
import { deleteVariable, listVariables, resolveVariables, rotateSecretKey, setVariable, type VariableWrite } from '../../../server/secrets/environmentVariables';
import { maskedValue, variableWriteSchema } from '../../../core/api/variable';
import { SecretError } from '../../../server/secrets/secretError';
import { parseSecretKey } from '../../../server/secrets/secretKey';
import type { Transaction } from '../../../server/store/database';
import { describeEachEngine } from '../../support/engines';
import { openTestDatabase, type TestDatabase } from '../audit/auditTestDatabase';

const serverKey = parseSecretKey(Buffer.alloc(32, 11).toString('base64'));
const newKey = parseSecretKey(Buffer.alloc(32, 12).toString('base64'));
const secretValue = 'sk-live-9f8e7d6c5b4a39281706';
const at = new Date('2024-03-01T10:00:00Z');

describeEachEngine('environment variables and secrets', (engine) => {
  let test: TestDatabase;
  beforeEach(async () => {
    test = await openTestDatabase(engine);
  });
  afterEach(() => test.close());

  const inWrite = <T>(work: (tx: Transaction) => Promise<T>): Promise<T> => test.db.transaction(work);

  const set = (write: VariableWrite, key = serverKey) => inWrite((tx) => setVariable(tx, write, 'admin', at, key));

  it('stores a secret only as ciphertext: not in the row, not in the database file', async () => {
    const stored = await set({ environment: 'production', key: 'OPENAI_API_KEY', value: secretValue, secret: true });
    assert.deepEqual(stored, { key: 'OPENAI_API_KEY', secret: true, value: maskedValue, updatedBy: 'admin', updatedAt: at.toISOString() });
    const rows = await test.db.execute('SELECT * FROM environment_variables');
    const row = rows.rows[0];
    assert.equal(row?.value, null);
    assert.equal(row?.key_id, serverKey.id);
    assert.ok(!String(row?.ciphertext).includes(secretValue));
    assert.ok(!JSON.stringify(rows.rows).includes(Buffer.from(secretValue).toString('base64')));
    const path = test.url.startsWith('file:') ? test.url.slice('file:'.length) : null;
    for (const file of path ? [path, `${path}-wal`].filter(existsSync) : []) {
      assert.ok(!readFileSync(file).includes(Buffer.from(secretValue)), `${file} holds the plaintext`);
    }
  });

  it('lists secrets masked and plain variables as they are', async () => {
    await set({ environment: 'production', key: 'OPENAI_API_KEY', value: secretValue, secret: true });
    await set({ environment: 'production', key: 'REGION', value: 'eu-west-1', secret: false });
    await set({ environment: 'staging', key: 'REGION', value: 'us-east-1', secret: false });
    const listed = await listVariables(test.db, 'production');
    assert.deepEqual(
      listed.map(({ key, secret, value }) => ({ key, secret, value })),
      [
        { key: 'OPENAI_API_KEY', secret: true, value: '••••••' },
        { key: 'REGION', secret: false, value: 'eu-west-1' },
      ],
    );
    assert.ok(!JSON.stringify(listed).includes(secretValue));
  });

  it('resolves every variable with secrets decrypted, for gateway activation', async () => {
    await set({ environment: 'production', key: 'OPENAI_API_KEY', value: secretValue, secret: true });
    await set({ environment: 'production', key: 'REGION', value: 'eu-west-1', secret: false });
    assert.deepEqual(await resolveVariables(test.db, 'production', [serverKey]), { OPENAI_API_KEY: secretValue, REGION: 'eu-west-1' });
    assert.deepEqual(await resolveVariables(test.db, 'staging', [serverKey]), {});
  });

  it('fails with a typed error when the server key is not the one that sealed the secret', async () => {
    await set({ environment: 'production', key: 'OPENAI_API_KEY', value: secretValue, secret: true });
    await assert.rejects(resolveVariables(test.db, 'production', [newKey]), (error: unknown) => {
      assert.ok(error instanceof SecretError);
      assert.equal(error.code, 'secret_key_unknown');
      assert.ok(!error.message.includes(secretValue));
      return true;
    });
  });

  it('refuses a secret row moved to another variable', async () => {
    await set({ environment: 'production', key: 'OPENAI_API_KEY', value: secretValue, secret: true });
    await test.db.execute("UPDATE environment_variables SET key = 'OTHER_KEY'");
    await assert.rejects(resolveVariables(test.db, 'production', [serverKey]), (error: unknown) => error instanceof SecretError && error.code === 'secret_undecryptable');
  });

  it('audits every change by key and kind, never with the value, in the same transaction', async () => {
    await set({ environment: 'production', key: 'OPENAI_API_KEY', value: secretValue, secret: true });
    await set({ environment: 'production', key: 'REGION', value: 'eu-west-1', secret: false });
    await inWrite((tx) => deleteVariable(tx, 'production', 'OPENAI_API_KEY', 'admin', at));
    const events = (await queryAuditEvents(test.db, {})).items;
    assert.deepEqual(
      events.map((event) => [event.action, event.actor, event.environment, event.details]),
      [
        ['secret.updated', 'admin', 'production', { key: 'OPENAI_API_KEY', secret: true }],
        ['variable.updated', 'admin', 'production', { key: 'REGION', secret: false }],
        ['secret.deleted', 'admin', 'production', { key: 'OPENAI_API_KEY', secret: true }],
      ],
    );
    const everything = await test.db.execute('SELECT * FROM audit_events');
    assert.ok(!JSON.stringify(everything.rows).includes(secretValue));
    assert.equal((await verifyAuditChain(test.db)).ok, true);
  });

  it('leaves neither the variable nor its audit event when the transaction rolls back', async () => {
    const abandoned = new Error('abandoned');
    await assert.rejects(
      inWrite(async (tx) => {
        await setVariable(tx, { environment: 'production', key: 'TOKEN_TTL', value: '3600', secret: false }, 'admin', at, serverKey);
        throw abandoned;
      }),
      abandoned,
    );
    assert.deepEqual(await listVariables(test.db, 'production'), []);
    assert.equal((await verifyAuditChain(test.db)).count, 0);
  });

  it('replaces a variable, switching between secret and plain', async () => {
    await set({ environment: 'production', key: 'DB_URL', value: 'postgres://h/db', secret: false });
    await set({ environment: 'production', key: 'DB_URL', value: secretValue, secret: true });
    assert.deepEqual(
      (await listVariables(test.db, 'production')).map((v) => [v.key, v.secret, v.value]),
      [['DB_URL', true, maskedValue]],
    );
    await set({ environment: 'production', key: 'DB_URL', value: 'postgres://h/db2', secret: false });
    const row = (await test.db.execute('SELECT secret, value, ciphertext, key_id FROM environment_variables')).rows[0];
    assert.deepEqual([row?.secret, row?.value, row?.ciphertext, row?.key_id], [0, 'postgres://h/db2', null, null]);
  });

  it('deleting a missing variable reports false and audits nothing', async () => {
    assert.equal(await inWrite((tx) => deleteVariable(tx, 'production', 'NOPE', 'admin', at)), false);
    assert.equal((await verifyAuditChain(test.db)).count, 0);
  });

  it('refuses an invalid variable name with a 400', async () => {
    await assert.rejects(set({ environment: 'production', key: '1BAD-NAME', value: 'x', secret: false }), (error: unknown) => {
      assert.ok(error instanceof DomainError);
      assert.deepEqual([error.status, error.code], [400, 'invalid_variable']);
      return true;
    });
    assert.deepEqual(await listVariables(test.db, 'production'), []);
  });

  it('validates the write body: value required, secret defaults to false, no extra fields', () => {
    assert.deepEqual(variableWriteSchema.parse({ value: 'x' }), { value: 'x', secret: false });
    assert.equal(variableWriteSchema.safeParse({ secret: true }).success, false);
    assert.equal(variableWriteSchema.safeParse({ value: 'x', secret: 'yes' }).success, false);
    assert.equal(variableWriteSchema.safeParse({ value: 'x', extra: 1 }).success, false);
    assert.equal(variableWriteSchema.safeParse({ value: 'x'.repeat(65_537) }).success, false);
  });

  it('rotates the server key by re-wrapping secrets, after which the old key is not needed', async () => {
    await set({ environment: 'production', key: 'OPENAI_API_KEY', value: secretValue, secret: true });
    await set({ environment: 'staging', key: 'OPENAI_API_KEY', value: 'sk-staging', secret: true });
    await set({ environment: 'staging', key: 'REGION', value: 'us-east-1', secret: false });
    assert.equal(await inWrite((tx) => rotateSecretKey(tx, [newKey, serverKey])), 2);
    assert.deepEqual(await resolveVariables(test.db, 'production', [newKey]), { OPENAI_API_KEY: secretValue });
    assert.deepEqual(await resolveVariables(test.db, 'staging', [newKey]), { OPENAI_API_KEY: 'sk-staging', REGION: 'us-east-1' });
    const keyIds = await test.db.execute('SELECT DISTINCT key_id FROM environment_variables WHERE secret = 1');
    assert.deepEqual(
      keyIds.rows.map((row) => row.key_id),
      [newKey.id],
    );
    assert.equal(await inWrite((tx) => rotateSecretKey(tx, [newKey])), 0, 'nothing left to rotate');
  });
});
