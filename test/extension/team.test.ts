import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Environment } from '../../core/api/environment';
import type { TokenCreated, User } from '../../core/api/user';
import type { ForgeExtensionApi } from '../../extension/extensionApi';
import { startForgeService, type ForgeService } from '../e2e/harness/forgeService';
import { treeLabel } from './support/treeLabel';

const extensionId = 'forge.forge-releases';

describe('team and access from the editor', function () {
  this.timeout(120_000);
  let api: ForgeExtensionApi;
  let service: ForgeService;
  let rita: { user: User; token: TokenCreated } | undefined;

  before(async () => {
    const extension = vscode.extensions.getExtension<ForgeExtensionApi>(extensionId)!;
    api = extension.isActive ? extension.exports : await extension.activate();
    service = await startForgeService({ cli: join(extension.extensionPath, 'dist', 'service.js'), env: { ELECTRON_RUN_AS_NODE: '1' } });
    assert.ok(await vscode.commands.executeCommand('forge.signIn', { serverUrl: service.url, token: service.adminToken }));
  });

  after(async () => {
    await vscode.commands.executeCommand('forge.signOut');
    await service?.stop();
  });

  it('the Team view flags production: a release the only admin requests can never collect two approvals', async () => {
    const reviewers = await api.treeItems('team', 'Reviewers');
    assert.deepEqual(
      reviewers.map((item) => item.label),
      ['production'],
    );
    assert.match(String(reviewers[0]!.description), /^2 approvals · 24 h · only 0 other reviewers$/);
    assert.equal((reviewers[0]!.iconPath as vscode.ThemeIcon).id, 'warning');
  });

  it('"Add User…" creates a user with a first token that signs in', async () => {
    rita = await vscode.commands.executeCommand<{ user: User; token: TokenCreated }>('forge.addUser', { name: 'rita', role: 'maintainer' });
    assert.equal(rita?.user.role, 'maintainer');
    assert.match(rita.token.token, /^forge_/);
    const me = await fetch(`${service.url}/api/me`, { headers: { authorization: `Bearer ${rita.token.token}` } });
    assert.equal(((await me.json()) as { name: string }).name, 'rita');
    const users = await api.treeItems('team', 'Users and roles');
    assert.deepEqual(
      users.map((item) => `${treeLabel(item)} ${String(item.description)}`),
      ['admin admin · you', 'rita maintainer'],
    );
    const tokens = await api.treeItems('team', 'rita');
    assert.deepEqual(
      tokens.map((item) => [item.label, item.contextValue]),
      [['vscode', 'forge:team-token+active']],
    );
  });

  it('"Add Reviewer…" adds a user to production\'s reviewers; "Set Required Approvals…" changes the count', async () => {
    const dana = await vscode.commands.executeCommand<{ user: User }>('forge.addUser', { name: 'dana', role: 'developer' });
    assert.equal(await vscode.commands.executeCommand('forge.addReviewer', { environment: 'production' }, `user:${dana.user.id}`), `user:${dana.user.id}`);
    // rita reviews through her role already: nothing to add.
    assert.equal(await vscode.commands.executeCommand('forge.addReviewer', { environment: 'production' }, `user:${rita!.user.id}`), `user:${rita!.user.id}`);
    const production = await service.api<Environment>('GET', '/api/environments/production');
    assert.deepEqual(production.approvalPolicy?.reviewers, ['role:maintainer', 'role:admin', `user:${dana.user.id}`]);
    const reviewers = await api.treeItems('team', 'production');
    assert.deepEqual(
      reviewers.map((item) => `${treeLabel(item)}: ${String(item.description)}`),
      ['maintainers (role): rita', 'admins (role): admin', `dana: user:${dana.user.id}`],
    );
    const [policy] = await api.treeItems('team', 'Reviewers');
    assert.match(String(policy!.description), /^2 approvals · 24 h$/, 'two reviewers besides the admin now');
    assert.equal(await vscode.commands.executeCommand('forge.setRequiredApprovals', { environment: 'production' }, 1), 1);
    assert.equal((await service.api<Environment>('GET', '/api/environments/production')).approvalPolicy?.required, 1);
  });

  it('"Report Check…" records a check for a version', async () => {
    await service.api('POST', '/api/versions', { tag: 'v1.0.0', commit: 'a1b2c3d4', artifacts: [] });
    const check = await vscode.commands.executeCommand<{ name: string; status: string; reportedBy: string }>('forge.reportCheck', {
      version: 'v1.0.0',
      name: 'smoke-tests',
      status: 'success',
      summary: '42 passed',
    });
    assert.deepEqual({ name: check?.name, status: check?.status, reportedBy: check?.reportedBy }, { name: 'smoke-tests', status: 'success', reportedBy: 'admin' });
    const checks = await service.api<{ items: { name: string; summary: string }[] }>('GET', '/api/versions/v1.0.0/checks');
    assert.deepEqual(
      checks.items.map(({ name, summary }) => [name, summary]),
      [['smoke-tests', '42 passed']],
    );
  });

  it('a script asking for a token gets it in the result; a revoked token no longer signs in and shows as revoked', async () => {
    const created = await vscode.commands.executeCommand<TokenCreated>('forge.createToken', { userId: rita!.user.id, name: 'ci' });
    assert.match(created.token, /^forge_/);
    await service.api('DELETE', `/api/tokens/${created.id}`);
    const refused = await fetch(`${service.url}/api/me`, { headers: { authorization: `Bearer ${created.token}` } });
    assert.equal(refused.status, 401);
    const tokens = await api.treeItems('team', 'rita');
    assert.deepEqual(tokens.map((item) => item.contextValue).sort(), ['forge:team-token', 'forge:team-token+active']);
  });
});
