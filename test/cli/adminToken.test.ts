import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { describeEachEngine, type TestDatabaseLocation } from '../support/engines';
import { startServiceProcess, type ServiceProcess } from '../service/support/serviceProcess';
import { builtCli, projectRoot, runCli, shown } from './runCli';

describeEachEngine('forge-release admin token: a lost admin token recovered from the database', function (engine) {
  this.timeout(120_000);
  let dataDir: string;
  let database: TestDatabaseLocation;
  let service: ServiceProcess;
  /** Where the recovery finds the database: the data dir on libSQL, the URL on PostgreSQL. */
  let where: string[];

  const me = async (token: string) => (await fetch(`${service.url}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status;

  before(async () => {
    builtCli();
    dataDir = mkdtempSync(join(tmpdir(), 'forge-recovery-'));
    database = await engine.freshDatabase(dataDir);
    // The first admin's token is printed once and then lost: nothing here keeps the bootstrap token.
    service = await startServiceProcess(dataDir, randomBytes(32).toString('base64url'), { FORGE_DB_URL: database.url });
    where = engine.name === 'libsql' ? ['--data-dir', dataDir] : ['--db-url', database.url];
    const developer = await runCli(['admin', 'token', ...where, '--json'], projectRoot, { FORGE_DB_URL: '' });
    const { token } = JSON.parse(developer.stdout) as { token: string };
    const created = await fetch(`${service.url}/api/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'dev', role: 'developer' }),
    });
    assert.equal(created.status, 201);
  });
  after(async () => {
    await service.kill();
    await database.remove();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints a new token for the first admin alone on stdout, which the running service accepts', async () => {
    const run = await runCli(['admin', 'token', ...where], projectRoot, { FORGE_DB_URL: '' });
    assert.equal(run.code, 0, shown(run));
    assert.match(run.stdout, /^forge_[A-Za-z0-9_-]+\n$/);
    assert.match(run.stderr, /^token [0-9a-f-]{36} "recovery" for admin admin, audited as token\.created \(shown only this once\):\n$/);
    assert.equal(await me(run.stdout.trim()), 200);
    const whoami = (await (await fetch(`${service.url}/api/me`, { headers: { authorization: `Bearer ${run.stdout.trim()}` } })).json()) as { name: string; role: string };
    assert.deepEqual([whoami.name, whoami.role], ['admin', 'admin']);
  });

  it('is audited: token.created by system, naming who recovered it and never the token', async () => {
    const run = await runCli(['admin', 'token', ...where, '--name', 'laptop', '--json'], projectRoot, { FORGE_DB_URL: '' });
    assert.equal(run.code, 0, shown(run));
    const recovered = JSON.parse(run.stdout) as { tokenId: string; user: string; name: string; token: string };
    assert.deepEqual([recovered.user, recovered.name], ['admin', 'laptop']);
    const audit = (await (await fetch(`${service.url}/api/audit?action=token&limit=1000`, { headers: { authorization: `Bearer ${recovered.token}` } })).json()) as {
      items: any[];
    };
    const event = audit.items.find((item) => item.details.tokenId === recovered.tokenId);
    assert.ok(event, JSON.stringify(audit.items));
    assert.deepEqual(
      [event.actor, event.action, event.outcome, event.details.name, event.details.recoveredBy],
      ['system', 'token.created', 'success', 'laptop', `${userInfo().username}@${hostname()}`],
    );
    assert.doesNotMatch(JSON.stringify(audit.items), new RegExp(recovered.token));
  });

  it('refuses a user who is no admin, or unknown, with exit 1 and nothing written', async () => {
    const developer = await runCli(['admin', 'token', ...where, '--user', 'dev'], projectRoot, { FORGE_DB_URL: '' });
    assert.equal(developer.code, 1, shown(developer));
    assert.match(developer.stderr, /^forge-release: admin token: .*: dev is a developer, not an admin: recovery makes tokens for enabled admins only\n$/);
    assert.equal(developer.stdout, '');
    const unknown = await runCli(['admin', 'token', ...where, '--user', 'nobody'], projectRoot, { FORGE_DB_URL: '' });
    assert.equal(unknown.code, 1, shown(unknown));
    assert.match(unknown.stderr, /no user "nobody" in this database\n$/);
  });

  if (engine.name === 'libsql') {
    it('refuses a data dir that holds no service database with exit 2, creating nothing', async () => {
      const missing = join(dataDir, 'not-here');
      const run = await runCli(['admin', 'token', '--data-dir', missing], projectRoot, { FORGE_DB_URL: '' });
      assert.equal(run.code, 2, shown(run));
      assert.equal(run.stderr, `forge-release: no service database at ${join(missing, 'forge.db')}: pass the service's --data-dir or --db-url\n`);
      assert.equal(existsSync(missing), false);
    });
  }
});
