import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { libsqlEngine } from '../support/engines';
import { createPostgresDatabase, type TestPostgresDatabase } from '../support/postgresCluster';
import { playHistory, secretValues } from '../service/audit/scriptedHistory';
import { versionBody, workflowUpload } from '../service/support/artifacts';
import { startTestService, type TestService } from '../service/support/testService';
import { runCli } from './runCli';

/**
 * What the API answers about everything the history made (each environment's database URL aside: it moves).
 * Reads of production resources append `access` events, so the audit log is read last on the source (once
 * nothing will add to it before the copy) and first on the target (before anything adds to it).
 */
async function answers(service: TestService, token: string, auditFirst: boolean) {
  const get = async (path: string) => {
    const answer = await service.call('GET', path, undefined, token);
    assert.equal(answer.status, 200, `${path}: ${answer.text}`);
    return answer.body;
  };
  const auditLog = async () => ({ audit: await get('/api/audit?limit=1000'), verify: await get('/api/audit/verify') });
  const early = auditFirst ? await auditLog() : null;
  const resources = {
    environments: (await get('/api/environments')).items.map(({ databaseUrl: _moved, ...environment }: any) => environment),
    releases: await get('/api/releases?limit=500'),
    versions: await get('/api/versions?limit=500'),
    changeSets: await get('/api/changesets'),
    users: await get('/api/users'),
    approvals: await Promise.all(['waiting', 'approved', 'rejected', 'expired'].map((status) => get(`/api/approvals?status=${status}`))),
    variables: await get('/api/environments/production/variables'),
  };
  return { ...resources, ...(early ?? (await auditLog())) };
}

describe('forge-release db copy', function () {
  this.timeout(180_000);
  const folders: string[] = [];
  const databases: TestPostgresDatabase[] = [];
  const folder = () => {
    const made = mkdtempSync(join(tmpdir(), 'forge-copy-'));
    folders.push(made);
    return made;
  };
  const database = async () => {
    const made = await createPostgresDatabase();
    databases.push(made);
    return made;
  };
  after(async () => {
    for (const made of databases) await made.drop();
    for (const made of folders) rmSync(made, { recursive: true, force: true });
  });

  it('moves a populated embedded database to PostgreSQL: the API answers the same, the chain verifies, secrets and rollbacks work', async () => {
    const dataDir = folder();
    const history = await playHistory(libsqlEngine, dataDir);
    const admin = history.actors.admin.token;
    const now = history.service.deps.clock();
    const before = await answers(history.service, admin, false);
    // The service stops; its gateway stays up for the copied service to activate on.
    await history.service.close();
    assert.ok(before.audit.items.length > 50 && before.releases.items.length > 5, 'the history is populated');

    const target = await database();
    const run = await runCli(['db', 'copy', '--from', `file:${join(dataDir, 'forge.db')}`, '--to', target.url]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`^copied audit_events: ${before.audit.items.length} rows$`, 'm'));
    assert.match(run.stdout, /^production: definitions copied to postgres:\/\/127\.0\.0\.1:\d+\/\w+\?schema=env_production \(\d+ rows\)$/m);
    assert.match(run.stdout, new RegExp(`^audit chain verified in postgres://127\\.0\\.0\\.1:\\d+/\\w+: ${before.audit.items.length} events$`, 'm'));
    assert.match(run.stdout, /^secrets are sealed with server key [0-9a-f]{16}: start the service with the same FORGE_SECRET_KEY$/m);

    // Only the key file stays: every answer now comes from PostgreSQL.
    for (const file of readdirSync(dataDir)) if (file !== 'secret.key') rmSync(join(dataDir, file), { recursive: true, force: true });
    const copied = await startTestService({ databaseUrl: target.url, dataDir, clock: () => now });
    try {
      const after = await answers(copied, admin, true);
      assert.deepEqual(after, before);
      const production = (await copied.call('GET', '/api/environments/production', undefined, admin)).body;
      assert.match(production.databaseUrl, /\?schema=env_production$/);

      // A rollback re-activates a bundle staged before the copy: the definitions came along, and so did the secrets.
      const rollback = await copied.call('POST', '/api/environments/production/rollback', { reason: 'after the move' }, admin);
      assert.equal(rollback.status, 202, rollback.text);
      await copied.deps.tasks.idle();
      const finished = (await copied.call('GET', `/api/releases/${rollback.body.id}`, undefined, admin)).body;
      assert.equal(finished.status, 'succeeded', JSON.stringify(finished));
      const activation = history.gateway.received.at(-1)!;
      assert.equal(activation.version, rollback.body.version);
      assert.deepEqual(activation.variables, { DB_PASSWORD: secretValues[1], OPENAI_API_KEY: secretValues[0] }, 'the sealed secrets open with the same key');
      const verified = (await copied.call('GET', '/api/audit/verify', undefined, admin)).body;
      assert.equal(verified.ok, true);
      assert.ok(verified.count > before.audit.items.length);
    } finally {
      await copied.close();
      await history.gateway.close();
    }
  });

  it('copies an embedded database to another file (a backup) that a service then runs on', async () => {
    const source = folder();
    const service = await startTestService({ dataDir: source });
    for (const tag of ['v1.0.0', 'v1.1.0']) {
      assert.equal((await service.call('POST', '/api/versions', versionBody(tag, [workflowUpload('intake', tag === 'v1.0.0' ? 1 : 2)]))).status, 201);
      assert.equal((await service.call('POST', '/api/releases', { version: tag, environment: 'development' })).status, 202);
      await service.deps.tasks.idle();
    }
    const before = await answers(service, service.adminToken, false);
    const now = service.deps.clock();
    await service.close();
    const backup = join(folder(), 'nested', 'forge.db');
    const run = await runCli(['db', 'copy', '--from', `file:${join(source, 'forge.db')}`, '--to', `file:${backup}`]);
    assert.equal(run.code, 0, run.stderr);
    for (const file of readdirSync(source)) if (file !== 'secret.key') rmSync(join(source, file));
    const restored = await startTestService({ databaseUrl: `file:${backup}`, dataDir: source, clock: () => now });
    try {
      assert.deepEqual(await answers(restored, service.adminToken, true), before);
      const development = (await restored.call('GET', '/api/environments/development', undefined, service.adminToken)).body;
      assert.equal(development.databaseUrl, `file:${join(backup, '..', 'env-development.db')}`);
      const rollback = await restored.call('POST', '/api/environments/development/rollback', { reason: 'from the backup' }, service.adminToken);
      assert.equal(rollback.status, 202, rollback.text);
      await restored.deps.tasks.idle();
      assert.equal((await restored.call('GET', `/api/releases/${rollback.body.id}`, undefined, service.adminToken)).body.status, 'succeeded');
    } finally {
      await restored.close();
    }
  });

  it('refuses a target that already holds data (exit 1) and a URL it cannot read (exit 2), writing nothing', async () => {
    const first = folder();
    const service = await startTestService({ dataDir: first });
    await service.close();
    const target = await database();
    const from = `file:${join(first, 'forge.db')}`;
    assert.equal((await runCli(['db', 'copy', '--from', from, '--to', target.url])).code, 0);
    const again = await runCli(['db', 'copy', '--from', from, '--to', target.url]);
    assert.equal(again.code, 1);
    assert.match(
      again.stderr,
      /^forge-release: db copy: postgres:\/\/127\.0\.0\.1:\d+\/\w+ already holds data \(audit_events: \d+ rows, .*\): copy into an empty database\n$/,
    );
    const malformed = await runCli(['db', 'copy', '--from', from, '--to', 'postgres://user:hunter2@[bad']);
    assert.equal(malformed.code, 2);
    assert.doesNotMatch(malformed.stderr, /hunter2/);
    const missing = await runCli(['db', 'copy', '--from', `file:${join(first, 'nothing.db')}`, '--to', target.url]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /nothing\.db does not exist/);
  });
});
