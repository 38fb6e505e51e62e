import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { maskedValue } from '../../../core/api/variable';
import { generateToken } from '../../../server/auth/tokens';
import { openService, ServiceConfigError, serviceOptions, type OpenedService } from '../../../server/main';
import { parseSecretKey, secretKeyFileName } from '../../../server/secrets/secretKey';
import { versionBody, workflowUpload } from '../support/artifacts';
import { startTestGateway, type TestGateway } from '../support/testGateway';

const configuredKey = Buffer.alloc(32, 9).toString('base64');

describe('variable routes with a configured server key', function () {
  this.timeout(60_000);
  let dataDir: string;
  let opened: OpenedService;
  let gateway: TestGateway;
  const token = generateToken();

  async function call(method: string, path: string, body?: unknown) {
    const response = await opened.app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, text, body: text ? JSON.parse(text) : null };
  }

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'forge-variables-'));
    gateway = await startTestGateway();
    opened = await openService(serviceOptions({ dataDir }, { FORGE_BOOTSTRAP_TOKEN: token, FORGE_SECRET_KEY: configuredKey, FORGE_LOG_LEVEL: 'silent' }));
  });
  after(async () => {
    await opened.deps.tasks.idle();
    await opened.deps.environmentDatabases.close();
    await opened.deps.db.close();
    await gateway.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a FORGE_SECRET_KEY that is not base64 of 32 bytes at start-up, without echoing it', () => {
    const bad = Buffer.alloc(16, 1).toString('base64');
    assert.throws(
      () => serviceOptions({ dataDir }, { FORGE_SECRET_KEY: bad }),
      (error: unknown) => error instanceof ServiceConfigError && /FORGE_SECRET_KEY/.test(error.message) && !error.message.includes(bad),
    );
  });

  it('seals secrets with the configured key and creates no key file', async () => {
    const stored = await call('PUT', '/api/environments/development/variables/OPENAI_API_KEY', { value: 'sk-configured-1', secret: true });
    assert.equal(stored.status, 200, stored.text);
    assert.deepEqual([stored.body.key, stored.body.secret, stored.body.value], ['OPENAI_API_KEY', true, maskedValue]);
    const row = (await opened.deps.db.execute("SELECT key_id, value, ciphertext FROM environment_variables WHERE key = 'OPENAI_API_KEY'")).rows[0]!;
    assert.equal(row.key_id, parseSecretKey(configuredKey).id);
    assert.equal(row.value, null);
    assert.ok(!String(row.ciphertext).includes('sk-configured-1'));
    assert.equal(existsSync(join(dataDir, secretKeyFileName)), false);
  });

  it('lists variables with secrets masked and plain values shown', async () => {
    assert.equal((await call('PUT', '/api/environments/development/variables/MODEL', { value: 'gpt-4o' })).status, 200);
    const listed = await call('GET', '/api/environments/development/variables');
    assert.deepEqual(
      listed.body.items.map((v: { key: string; secret: boolean; value: string }) => [v.key, v.secret, v.value]),
      [
        ['MODEL', false, 'gpt-4o'],
        ['OPENAI_API_KEY', true, maskedValue],
      ],
    );
    assert.equal(listed.body.nextCursor, null);
  });

  it('delivers the decrypted variables to the gateway at activation', async () => {
    assert.equal((await call('PUT', '/api/environments/development', { gateways: [gateway.url] })).status, 200);
    assert.equal((await call('POST', '/api/versions', versionBody('v1.0.0', [workflowUpload('intake', 1)]))).status, 201);
    const release = await call('POST', '/api/releases', { version: 'v1.0.0', environment: 'development' });
    assert.equal(release.status, 202, release.text);
    await opened.deps.tasks.idle();
    assert.equal((await call('GET', `/api/releases/${release.body.id}`)).body.status, 'succeeded');
    assert.deepEqual(gateway.received.at(-1)?.variables, { MODEL: 'gpt-4o', OPENAI_API_KEY: 'sk-configured-1' });
  });

  it('answers 404 for an unknown environment or variable and 400 for a bad name, writing nothing', async () => {
    const before = (await opened.deps.db.execute('SELECT COUNT(*) AS n FROM audit_events')).rows[0]!.n;
    assert.equal((await call('PUT', '/api/environments/nowhere/variables/KEY', { value: 'x' })).status, 404);
    assert.equal((await call('GET', '/api/environments/nowhere/variables')).status, 404);
    assert.equal((await call('DELETE', '/api/environments/development/variables/MISSING')).status, 404);
    assert.equal((await call('PUT', '/api/environments/development/variables/9-bad', { value: 'x' })).status, 400);
    assert.equal((await call('PUT', '/api/environments/development/variables/KEY', { value: 1 })).status, 400);
    assert.equal((await opened.deps.db.execute('SELECT COUNT(*) AS n FROM audit_events')).rows[0]!.n, before);
  });

  it('deletes a variable (204) so the next activation no longer carries it', async () => {
    const deleted = await call('DELETE', '/api/environments/development/variables/MODEL');
    assert.equal(deleted.status, 204);
    const listed = await call('GET', '/api/environments/development/variables');
    assert.deepEqual(
      listed.body.items.map((v: { key: string }) => v.key),
      ['OPENAI_API_KEY'],
    );
  });
});
