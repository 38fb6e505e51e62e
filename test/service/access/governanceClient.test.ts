import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { ForgeApiError } from '../../../client/forgeApiError';
import { ForgeClient } from '../../../client/forgeClient';
import { maskedValue } from '../../../core/api/variable';
import { serveOnPort, type ServedService } from '../support/servedService';
import { startTestService, type TestService } from '../support/testService';
import { describeEachEngine } from '../../support/engines';

describeEachEngine('the typed client for users, tokens, variables, audit and reports', (engine) => {
  let service: TestService;
  let server: ServedService;
  let admin: ForgeClient;

  before(async () => {
    service = await startTestService({ engine });
    server = await serveOnPort(service);
    admin = server.clientFor(service.adminToken);
  });
  after(async () => server.close());

  it('creates a user, issues its token, changes its role and revokes the token', async () => {
    const user = await admin.createUser({ name: 'ada', role: 'developer' });
    assert.deepEqual([user.name, user.role, user.disabled], ['ada', 'developer', false]);
    const issued = await admin.createToken(user.id, 'laptop');
    assert.match(issued.token, /^forge_[A-Za-z0-9_-]{43}$/);
    const ada = server.clientFor(issued.token);
    assert.deepEqual(await ada.me(), { id: user.id, name: 'ada', role: 'developer' });
    await assert.rejects(ada.listUsers(), (error: unknown) => error instanceof ForgeApiError && error.status === 403);
    assert.equal((await admin.updateUser(user.id, { role: 'maintainer' })).role, 'maintainer');
    assert.deepEqual(
      (await admin.listUsers()).items.map((u) => [u.name, u.role]),
      [
        ['ada', 'maintainer'],
        ['admin', 'admin'],
      ],
    );
    assert.deepEqual(
      (await ada.listTokens(user.id)).map((t) => [t.id, t.name, t.revokedAt]),
      [[issued.id, 'laptop', null]],
    );
    await ada.revokeToken(issued.id);
    const [revoked] = await admin.listTokens(user.id);
    assert.ok(revoked?.revokedAt);
    assert.ok(!JSON.stringify(revoked).includes(issued.token));
    await assert.rejects(ada.me(), (error: unknown) => error instanceof ForgeApiError && error.code === 'unauthorized');
    await assert.rejects(admin.createUser({ name: 'ada', role: 'admin' }), (error: unknown) => error instanceof ForgeApiError && error.code === 'user_exists');
  });

  it('sets, lists and deletes variables, secrets masked', async () => {
    assert.equal((await admin.setVariable('staging', 'API_KEY', { value: 'sk-client', secret: true })).value, maskedValue);
    await admin.setVariable('staging', 'REGION', { value: 'eu-west-1' });
    assert.deepEqual(
      (await admin.listVariables('staging')).map((v) => [v.key, v.value]),
      [
        ['API_KEY', maskedValue],
        ['REGION', 'eu-west-1'],
      ],
    );
    await admin.deleteVariable('staging', 'REGION');
    assert.deepEqual(
      (await admin.listVariables('staging')).map((v) => v.key),
      ['API_KEY'],
    );
    await assert.rejects(admin.deleteVariable('staging', 'REGION'), (error: unknown) => error instanceof ForgeApiError && error.status === 404);
  });

  it('queries the audit trail as JSON and CSV, verifies it, and reads reports', async () => {
    const page = await admin.queryAudit({ action: 'user', limit: 2 });
    assert.deepEqual(
      page.items.map((e) => e.action),
      ['user.created', 'user.created'],
    );
    assert.ok(page.nextCursor);
    const next = await admin.queryAudit({ action: 'user', cursor: page.nextCursor });
    assert.deepEqual(
      next.items.map((e) => [e.action, e.details.previousRole]),
      [['user.updated', 'developer']],
    );
    const rows: Record<string, string>[] = parse(await admin.auditCsv({ action: 'secret' }), { columns: true });
    assert.deepEqual(
      rows.map((row) => [row.action, row.environment, JSON.parse(row.details!).key]),
      [['secret.updated', 'staging', 'API_KEY']],
    );
    const verdict = await admin.verifyAudit();
    assert.equal(verdict.ok, true);
    assert.ok(verdict.count > 5);
    const report = await admin.report('changelog');
    assert.equal(report.kind, 'changelog');
    assert.equal(report.chainHead?.seq, verdict.count);
    assert.match(await admin.reportText('access', 'md'), /^# Access log/);
    // A plain RFC 4180 table: the header line first, no statement lines.
    assert.match(await admin.reportText('deployments', 'csv', { environment: 'production' }), /^startedAt,finishedAt,environment,version,/);
  });
});
