import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateToken } from '../../../server/auth/tokens';
import { createLogger } from '../../../server/logging/createLogger';
import { openService, ServiceConfigError, serviceOptions, type OpenedService } from '../../../server/main';
import { workflowUpload } from '../support/artifacts';
import { commitFiles, createRepositoryFixture, mergePullRequest, type Person, type RepositoryFixture } from '../../git/gitRepositoryFixture';

const secret = 'webhook-shared-secret';
const ada: Person = { name: 'Ada Author', email: 'ada@example.com' };
const max: Person = { name: 'Max Maintainer', email: 'max@example.com' };

function sign(body: string, key = secret): string {
  return `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;
}

/** A service over a temp data dir watching `source` (no poll timer unless `pollInterval` is given); `logs` gets its log lines. */
async function watchingService(source: string | undefined, env: Record<string, string> = {}, pollInterval = '0', logs: string[] = []) {
  const dataDir = mkdtempSync(join(tmpdir(), 'forge-watch-'));
  const adminToken = generateToken();
  const options = serviceOptions(source ? { dataDir, repo: source, pollInterval } : { dataDir }, {
    FORGE_BOOTSTRAP_TOKEN: adminToken,
    FORGE_LOG_LEVEL: 'silent',
    FORGE_WEBHOOK_SECRET: secret,
    ...env,
  });
  const opened = await openService(options, { logger: createLogger({ level: 'debug', destination: { write: (line: string) => void logs.push(line) } }) });
  const call = async (method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}) => {
    const response = await opened.app.request(path, { method, body: init.body, headers: init.headers ?? { authorization: `Bearer ${adminToken}` } });
    return { status: response.status, body: await response.json() };
  };
  return {
    ...opened,
    call,
    async close() {
      await opened.deps.repository?.stop();
      await opened.deps.tasks.idle();
      await opened.deps.environmentDatabases.close();
      await opened.deps.db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function versionsCreated(service: OpenedService): Promise<string[]> {
  const rows = await service.deps.db.execute("SELECT version, actor FROM audit_events WHERE action = 'version.created' ORDER BY seq");
  return rows.rows.map((row) => `${row.version} by ${row.actor}`);
}

async function changeSetNames(service: OpenedService): Promise<string[]> {
  return (await service.deps.db.execute('SELECT name FROM change_sets ORDER BY seq')).rows.map((row) => String(row.name));
}

async function until(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('repository watcher: tags pushed to the watched repository become versions', function () {
  // Each test clones, tags and pushes real repositories and waits on a poller: give the waits room on a busy machine.
  this.timeout(60_000);
  let fixture: RepositoryFixture;
  let service: Awaited<ReturnType<typeof watchingService>>;

  /** Commits on main, tags, and pushes branch and tags to the bare origin the service watches. */
  async function tagAndPush(tag: string, message = `Release ${tag}`): Promise<void> {
    await fixture.git.raw(['tag', '--annotate', `--message=${message}`, tag]);
    await fixture.git.raw(['push', '--quiet', 'origin', 'main', `refs/tags/${tag}`]);
  }

  before(async () => {
    fixture = await createRepositoryFixture();
    const { git } = fixture;
    await commitFiles(git, 'Initial import', { 'workflows/intake.json': workflowUpload('intake', 1).content, 'README.md': '# claims\n' });
    await tagAndPush('v1.0.0', 'First release');
    // PR #4 merged with a merge commit, PR #5 squashed.
    await git.raw(['checkout', '--quiet', '-b', 'feature']);
    await commitFiles(git, 'Add billing', { 'workflows/billing.json': workflowUpload('billing', 1).content }, ada);
    await git.raw(['checkout', '--quiet', 'main']);
    await mergePullRequest(git, 'feature', 'Merge pull request #4 from acme/feature', 'Add the billing workflow', max);
    await commitFiles(git, 'Tune intake (#5)', { 'workflows/intake.json': workflowUpload('intake', 2).content }, ada);
    await tagAndPush('v1.1.0-rc.1');
    await commitFiles(git, 'Docs only', { 'docs/notes.md': 'notes\n' });
    await tagAndPush('v1.1.0');
    // Not version tags: ignored.
    await git.raw(['tag', 'nightly']);
    await git.raw(['push', '--quiet', 'origin', 'refs/tags/nightly']);
  });

  after(() => fixture.remove());
  afterEach(() => service?.close());

  it('a sync clones the repository and registers every version tag once, as the system actor, with its default change set', async () => {
    service = await watchingService(fixture.origin);
    const first = await service.deps.repository!.sync('poll');
    assert.deepEqual(
      first.registered.map((r) => [r.tag, r.created, r.pullRequests]),
      [
        ['v1.0.0', true, []],
        ['v1.1.0-rc.1', true, [4, 5]],
        ['v1.1.0', true, []],
      ],
    );
    assert.deepEqual(await versionsCreated(service), ['v1.0.0 by system', 'v1.1.0-rc.1 by system', 'v1.1.0 by system']);
    assert.deepEqual(await changeSetNames(service), ['v1.1.0-rc.1: pull requests merged since v1.0.0']);

    const rc = (await service.call('GET', '/api/versions/v1.1.0-rc.1')).body;
    assert.equal(rc.message, 'Release v1.1.0-rc.1');
    assert.deepEqual(
      rc.artifacts.map((a: any) => a.path),
      ['workflows/billing.json', 'workflows/intake.json'],
    );
    assert.equal(rc.changeSets.length, 1);
    const changeSet = (await service.call('GET', `/api/changesets/${rc.changeSets[0]}`)).body;
    assert.deepEqual(
      changeSet.pullRequests.map((pr: any) => [pr.number, pr.title, pr.author]),
      [
        [4, 'Add the billing workflow', 'Ada Author'],
        [5, 'Tune intake', 'Ada Author'],
      ],
    );
    assert.deepEqual(changeSet.artifacts, ['workflows/billing.json', 'workflows/intake.json']);
    assert.equal(changeSet.createdBy, 'system');

    const again = await service.deps.repository!.sync('poll');
    assert.deepEqual(again, { registered: [], alreadyRegistered: 3, conflicts: [] });
    assert.equal((await versionsCreated(service)).length, 3);
  });

  it('the webhook refuses a missing or wrong signature with 401 and syncs nothing; a signed call registers the new tag', async () => {
    service = await watchingService(fixture.origin);
    await service.deps.repository!.sync('poll');
    await commitFiles(fixture.git, 'Intake revision 3 (#6)', { 'workflows/intake.json': workflowUpload('intake', 3).content });
    await tagAndPush('v1.2.0');
    const body = JSON.stringify({ ref: 'refs/tags/v1.2.0', repository: { full_name: 'acme/claims' } });

    for (const headers of <Record<string, string>[]>[
      { 'content-type': 'application/json' },
      { 'content-type': 'application/json', 'x-hub-signature-256': sign(body, 'another-secret') },
      { 'content-type': 'application/json', 'x-hub-signature-256': sign(`${body} `) },
      { 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=abc' },
      // A bearer token is no substitute for the signature.
      { 'content-type': 'application/json', authorization: 'Bearer not-the-point-of-this-route' },
    ]) {
      const refused = await service.call('POST', '/api/hooks/git', { body, headers });
      assert.equal(refused.status, 401, JSON.stringify(headers));
      assert.equal(refused.body.error.code, 'unauthorized');
      assert.equal(typeof refused.body.error.message, 'string');
    }
    await service.deps.tasks.idle();
    assert.equal((await service.call('GET', '/api/versions/v1.2.0')).status, 404);

    const accepted = await service.call('POST', '/api/hooks/git', { body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(body) } });
    assert.equal(accepted.status, 202);
    assert.deepEqual(accepted.body, { status: 'accepted' });
    await service.deps.tasks.idle();
    const version = (await service.call('GET', '/api/versions/v1.2.0')).body;
    assert.equal(version.createdBy, 'system');
    assert.equal(version.previousTag, 'v1.1.0');
    assert.equal((await versionsCreated(service)).filter((line) => line.startsWith('v1.2.0')).length, 1);
  });

  it('poll and webhook racing on a new tag register it exactly once, with one change set', async () => {
    service = await watchingService(fixture.origin);
    await service.deps.repository!.sync('start');
    await commitFiles(fixture.git, 'Billing revision 2 (#7)', { 'workflows/billing.json': workflowUpload('billing', 2).content });
    await tagAndPush('v1.3.0');
    const body = '{"ref":"refs/tags/v1.3.0"}';
    const headers = { 'content-type': 'application/json', 'x-hub-signature-256': sign(body) };
    const answers = await Promise.all([
      service.call('POST', '/api/hooks/git', { body, headers }),
      service.deps.repository!.sync('poll'),
      service.call('POST', '/api/hooks/git', { body, headers }),
      service.deps.repository!.sync('poll'),
    ]);
    assert.deepEqual([answers[0].status, answers[2].status], [202, 202]);
    await service.deps.tasks.idle();
    const created = await versionsCreated(service);
    assert.deepEqual(
      created.filter((line) => line.startsWith('v1.3.0')),
      ['v1.3.0 by system'],
    );
    assert.deepEqual(
      (await changeSetNames(service)).filter((name) => name.startsWith('v1.3.0')),
      ['v1.3.0: pull requests merged since v1.2.0'],
    );
  });

  it('the poll timer picks up a pushed tag without any webhook', async () => {
    service = await watchingService(fixture.origin, {}, '100');
    service.deps.repository!.start();
    await until(async () => (await service.call('GET', '/api/versions/v1.3.0')).status === 200);
    await commitFiles(fixture.git, 'Intake revision 4 (#8)', { 'workflows/intake.json': workflowUpload('intake', 4).content });
    await tagAndPush('v1.4.0');
    await until(async () => (await service.call('GET', '/api/versions/v1.4.0')).status === 200);
    await service.deps.repository!.stop();
    assert.deepEqual(
      (await versionsCreated(service)).filter((line) => line.startsWith('v1.4.0')),
      ['v1.4.0 by system'],
    );
  });

  it('without a watched repository the webhook answers 404, and without a secret it refuses every call', async () => {
    service = await watchingService(undefined);
    const body = '{}';
    const unwatched = await service.call('POST', '/api/hooks/git', { body, headers: { 'x-hub-signature-256': sign(body) } });
    assert.equal(unwatched.status, 404);
    await service.close();
    service = await watchingService(fixture.origin, { FORGE_WEBHOOK_SECRET: '' });
    const unconfigured = await service.call('POST', '/api/hooks/git', { body, headers: { 'x-hub-signature-256': sign(body) } });
    assert.equal(unconfigured.status, 401);
    assert.match(unconfigured.body.error.message, /FORGE_WEBHOOK_SECRET/);
  });

  it('reads --repo, --poll-interval and the webhook secret from flags over FORGE_* variables, and refuses bad values', () => {
    const env = { FORGE_REPO: '/srv/claims.git', FORGE_POLL_INTERVAL_MS: '5000', FORGE_WEBHOOK_SECRET: secret };
    const fromEnv = serviceOptions({ dataDir: '/data' }, env).repository;
    assert.deepEqual(fromEnv, { source: '/srv/claims.git', mirrorDir: join('/data', 'repository.git'), pollIntervalMs: 5000, webhookSecret: secret });
    const fromFlags = serviceOptions({ dataDir: '/data', repo: 'https://git.example.com/claims.git', pollInterval: '0' }, env).repository;
    assert.equal(fromFlags?.source, 'https://git.example.com/claims.git');
    assert.equal(fromFlags?.pollIntervalMs, 0);
    assert.equal(serviceOptions({ dataDir: '/data' }, {}).repository, null);
    assert.equal(serviceOptions({ dataDir: '/data', repo: '.' }, {}).repository?.pollIntervalMs, 60_000);
    assert.throws(() => serviceOptions({ dataDir: '/data', pollInterval: '100' }, {}), ServiceConfigError);
    for (const bad of ['-1', 'soon', '1.5']) {
      assert.throws(() => serviceOptions({ dataDir: '/data', repo: '.', pollInterval: bad }, {}), /poll interval/);
    }
  });

  it('a repository URL with credentials never shows them in a failure or in the logs', async () => {
    const logs: string[] = [];
    const password = 'pa55word-in-the-url';
    service = await watchingService(`http://ci-bot:${password}@127.0.0.1:9/acme/claims.git`, {}, '0', logs);
    await assert.rejects(service.deps.repository!.sync('poll'), (error: Error) => {
      assert.match(error.message, /cannot reach the remote repository \(http:\/\/\*\*\*@127\.0\.0\.1:9\/acme\/claims\.git\)/);
      assert.ok(!error.message.includes(password));
      return true;
    });
    service.deps.repository!.syncInBackground('webhook');
    await service.deps.tasks.idle();
    const failure = logs.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'repository sync failed');
    assert.equal(failure?.source, 'http://***@127.0.0.1:9/acme/claims.git');
    assert.equal(failure?.trigger, 'webhook');
    assert.ok(!logs.join('\n').includes(password), 'no log line carries the password');
  });
});
