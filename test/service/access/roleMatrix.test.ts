import assert from 'node:assert/strict';
import type { Role } from '../../../core/access/roles';
import { versionBody, workflowUpload } from '../support/artifacts';
import { startTestService, type TestService } from '../support/testService';
import { describeEachEngine } from '../../support/engines';

/** A user created over the API, with one token of its own. */
interface Member {
  id: string;
  token: string;
  tokenId: string;
}

const roles: readonly Role[] = ['developer', 'maintainer', 'admin'];

/** The seed's access-control table (PRODUCT.md §8), column by column, as the cells this test walks. */
const seedTable: Record<string, Record<Role, boolean>> = {
  'create change set': { developer: true, maintainer: true, admin: true },
  'create version': { developer: false, maintainer: true, admin: true },
  'deploy development': { developer: true, maintainer: true, admin: true },
  'deploy staging': { developer: false, maintainer: true, admin: true },
  'deploy production': { developer: false, maintainer: false, admin: true },
};

/** Routes only an admin may use; audit and reports also admit maintainers. */
const adminOnly = [
  'create user',
  'list users',
  'change a role',
  'token for another user',
  "list another user's tokens",
  "revoke another user's token",
  'PUT environment',
  'set variable',
  'delete variable',
] as const;
const auditReaders: Record<Role, boolean> = { developer: false, maintainer: true, admin: true };

describeEachEngine('the role matrix over HTTP', function (engine) {
  this.timeout(120_000);
  let service: TestService;
  const members = {} as Record<Role, Member>;
  let other: Member;
  let minor = 0;

  async function ok(method: string, path: string, body?: unknown, token?: string) {
    const response = await service.call(method, path, body, token);
    assert.ok(response.status < 300, `${method} ${path} → ${response.status} ${response.text}`);
    return response.body;
  }

  async function member(name: string, role: Role): Promise<Member> {
    const user = await ok('POST', '/api/users', { name, role });
    const token = await ok('POST', `/api/users/${user.id}/tokens`, { name: 'matrix' });
    return { id: user.id, token: token.token, tokenId: token.id };
  }

  /** A new version with the same artifacts (inferred bump none), a passing smoke test, active where `through` says. */
  async function version(through: readonly string[]): Promise<string> {
    minor += 1;
    const tag = `v1.${minor}.0`;
    await ok('POST', '/api/versions', versionBody(tag, [workflowUpload('intake', 1)]));
    await ok('POST', `/api/versions/${tag}/checks`, { name: 'smoke-tests', status: 'success' });
    for (const environment of through) {
      const release = await ok('POST', '/api/releases', { version: tag, environment });
      await service.deps.tasks.idle();
      assert.equal((await ok('GET', `/api/releases/${release.id}`)).status, 'succeeded', `${tag} to ${environment}`);
    }
    return tag;
  }

  before(async () => {
    service = await startTestService({ engine });
    for (const role of roles) members[role] = await member(`matrix-${role}`, role);
    other = await member('matrix-other', 'developer');
  });
  after(async () => service.close());

  /** Performs one action of the seed table as `role` and returns the HTTP status. */
  async function act(action: string, role: Role): Promise<{ status: number; text: string }> {
    const { token } = members[role];
    switch (action) {
      case 'create change set':
        return service.call('POST', '/api/changesets', { name: `by ${role}`, pullRequests: [{ number: 7, title: 'Tune', author: role, mergeCommit: 'abc1234' }] }, token);
      case 'create version':
        minor += 1;
        return service.call('POST', '/api/versions', versionBody(`v1.${minor}.0`, [workflowUpload('intake', 1)]), token);
      case 'deploy development':
        return service.call('POST', '/api/releases', { version: await version([]), environment: 'development' }, token);
      case 'deploy staging':
        return service.call('POST', '/api/releases', { version: await version(['development']), environment: 'staging' }, token);
      case 'deploy production':
        return service.call('POST', '/api/releases', { version: await version(['development', 'staging']), environment: 'production' }, token);
      default:
        throw new Error(`no such action ${action}`);
    }
  }

  for (const [action, cells] of Object.entries(seedTable)) {
    for (const role of roles) {
      const allowed = cells[role];
      it(`${action} as ${role}: ${allowed ? 'allowed' : '403'}`, async () => {
        const response = await act(action, role);
        await service.deps.tasks.idle();
        if (!allowed) {
          assert.equal(response.status, 403, response.text);
          assert.equal(JSON.parse(response.text).error.code, 'forbidden');
          return;
        }
        assert.notEqual(response.status, 403, response.text);
        // Every allowed cell is set up to pass its gates: created (201) or a release accepted (202).
        assert.ok([201, 202].includes(response.status), `${response.status} ${response.text}`);
      });
    }
  }

  it('production deploys by an admin wait for approval rather than being refused', async () => {
    const response = await service.call('POST', '/api/releases', { version: await version(['development', 'staging']), environment: 'production' }, members.admin.token);
    assert.equal(response.status, 202, response.text);
    assert.equal(response.body.environment, 'production');
  });

  /** Performs one admin-only action as `role`. */
  async function adminAction(action: (typeof adminOnly)[number], role: Role): Promise<{ status: number; text: string }> {
    const { token } = members[role];
    switch (action) {
      case 'create user':
        return service.call('POST', '/api/users', { name: `made-by-${role}`, role: 'developer' }, token);
      case 'list users':
        return service.call('GET', '/api/users', undefined, token);
      case 'change a role':
        return service.call('PATCH', `/api/users/${other.id}`, { role: role === 'admin' ? 'maintainer' : 'admin' }, token);
      case 'token for another user':
        return service.call('POST', `/api/users/${other.id}/tokens`, { name: `from ${role}` }, token);
      case "list another user's tokens":
        return service.call('GET', `/api/users/${other.id}/tokens`, undefined, token);
      case "revoke another user's token": {
        const spare = await ok('POST', `/api/users/${other.id}/tokens`, { name: 'spare' });
        return service.call('DELETE', `/api/tokens/${spare.id}`, undefined, token);
      }
      case 'PUT environment':
        return service.call('PUT', '/api/environments/staging', { purpose: `set by ${role}` }, token);
      case 'set variable':
        return service.call('PUT', '/api/environments/staging/variables/MODEL_NAME', { value: 'gpt-4o' }, token);
      case 'delete variable':
        await ok('PUT', '/api/environments/staging/variables/OLD_FLAG', { value: 'on' });
        return service.call('DELETE', '/api/environments/staging/variables/OLD_FLAG', undefined, token);
    }
  }

  for (const action of adminOnly) {
    for (const role of roles) {
      const allowed = role === 'admin';
      it(`${action} as ${role}: ${allowed ? 'allowed' : '403'}`, async () => {
        const response = await adminAction(action, role);
        if (allowed) assert.ok(response.status >= 200 && response.status < 300, `${response.status} ${response.text}`);
        else assert.equal(response.status, 403, response.text);
      });
    }
  }

  for (const role of roles) {
    const allowed = auditReaders[role];
    for (const path of ['/api/audit', '/api/audit?format=csv', '/api/audit/verify', '/api/reports/changelog', '/api/reports/access?format=md']) {
      it(`GET ${path} as ${role}: ${allowed ? '200' : '403'}`, async () => {
        const response = await service.call('GET', path, undefined, members[role].token);
        assert.equal(response.status, allowed ? 200 : 403, response.text);
      });
    }

    it(`reads environments, releases and variables as ${role}`, async () => {
      for (const path of [
        '/api/environments',
        '/api/environments/production',
        '/api/environments/staging/variables',
        '/api/releases',
        '/api/versions',
        '/api/changesets',
        '/api/me',
      ]) {
        const response = await service.call('GET', path, undefined, members[role].token);
        assert.equal(response.status, 200, `${path}: ${response.text}`);
      }
    });

    it(`issues and revokes its own tokens as ${role}`, async () => {
      const created = await service.call('POST', `/api/users/${members[role].id}/tokens`, { name: 'own' }, members[role].token);
      assert.equal(created.status, 201, created.text);
      const listed = await service.call('GET', `/api/users/${members[role].id}/tokens`, undefined, members[role].token);
      assert.ok(
        listed.body.items.some((t: { id: string }) => t.id === created.body.id),
        listed.text,
      );
      assert.equal((await service.call('GET', '/api/me', undefined, created.body.token)).body.id, members[role].id);
      const revoked = await service.call('DELETE', `/api/tokens/${created.body.id}`, undefined, members[role].token);
      assert.equal(revoked.status, 200, revoked.text);
      assert.equal((await service.call('GET', '/api/me', undefined, created.body.token)).status, 401);
    });
  }

  it('checks the role before the input: a developer sending a malformed body to an admin or maintainer route gets 403', async () => {
    const { token } = members.developer;
    for (const [method, path] of [
      ['POST', '/api/users'],
      ['PATCH', `/api/users/${other.id}`],
      ['POST', `/api/users/${other.id}/tokens`],
      ['PUT', '/api/environments/staging'],
      ['PUT', '/api/environments/staging/variables/not-a-key'],
      ['POST', '/api/versions'],
    ] as const) {
      const response = await service.call(method, path, '{"malformed":', token);
      assert.equal(response.status, 403, `${method} ${path}: ${response.text}`);
    }
    assert.equal((await service.call('GET', '/api/audit?start=not-a-date', undefined, token)).status, 403);
    assert.equal((await service.call('GET', '/api/audit?start=not-a-date')).status, 400);
    assert.equal((await service.call('POST', '/api/users', '{"malformed":')).status, 400);
  });

  it('answers 401 for a missing, malformed, unknown or revoked token before anything else', async () => {
    const revoked = await ok('POST', `/api/users/${members.developer.id}/tokens`, { name: 'to revoke' });
    assert.equal((await service.call('GET', '/api/me', undefined, revoked.token)).status, 200);
    await ok('DELETE', `/api/tokens/${revoked.id}`);
    const headers: [string, Record<string, string>][] = [
      ['missing', {}],
      ['not bearer', { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` }],
      ['too short', { authorization: 'Bearer abc' }],
      ['with spaces', { authorization: 'Bearer forge_ has spaces in it' }],
      ['empty', { authorization: 'Bearer ' }],
      ['unknown', { authorization: `Bearer forge_${'x'.repeat(43)}` }],
      ['revoked', { authorization: `Bearer ${revoked.token}` }],
    ];
    for (const [label, header] of headers) {
      for (const [method, path] of [
        ['GET', '/api/me'],
        ['POST', '/api/users'],
        ['GET', '/api/audit'],
        ['DELETE', `/api/tokens/${members.admin.tokenId}`],
      ]) {
        const response = await service.app.request(path!, {
          method,
          headers: { ...header, 'content-type': 'application/json' },
          body: method === 'POST' ? '{}' : undefined,
        });
        assert.equal(response.status, 401, `${label} ${method} ${path}`);
        assert.equal((await response.json()).error.code, 'unauthorized');
      }
    }
  });

  it('acts with the new role right after a role change', async () => {
    const promoted = await member('matrix-promoted', 'developer');
    const tag = `v1.${(minor += 1)}.0`;
    assert.equal((await service.call('POST', '/api/versions', versionBody(tag, [workflowUpload('intake', 1)]), promoted.token)).status, 403);
    const changed = await ok('PATCH', `/api/users/${promoted.id}`, { role: 'maintainer' });
    assert.equal(changed.role, 'maintainer');
    assert.equal((await service.call('POST', '/api/versions', versionBody(tag, [workflowUpload('intake', 1)]), promoted.token)).status, 201);
  });

  it('keeps the last admin: demoting the only admin is a 409', async () => {
    await ok('PATCH', `/api/users/${members.admin.id}`, { role: 'maintainer' });
    const self = await ok('GET', '/api/me');
    const response = await service.call('PATCH', `/api/users/${self.id}`, { role: 'developer' });
    assert.equal(response.status, 409, response.text);
    assert.equal(response.body.error.code, 'last_admin');
    assert.equal((await ok('GET', '/api/me')).role, 'admin');
    await ok('PATCH', `/api/users/${members.admin.id}`, { role: 'admin' });
  });
});
