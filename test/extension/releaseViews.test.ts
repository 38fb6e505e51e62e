import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Release } from '../../core/api/release';
import type { ForgeExtensionApi } from '../../extension/extensionApi';
import { startForgeService, type ForgeService } from '../e2e/harness/forgeService';
import { planNode, workflowText } from './support/workflowText';

const extensionId = 'forge.forge-releases';

interface MenuEntry {
  command: string;
  when?: string;
}

/** The regular expression of a `viewItem =~ /…/` when-clause of the manifest's tree menus. */
function menuRegex(command: string, kind: string): RegExp {
  const manifest = vscode.extensions.getExtension(extensionId)!.packageJSON as { contributes: { menus: Record<string, MenuEntry[]> } };
  const entry = manifest.contributes.menus['view/item/context']!.find((item) => item.command === command && item.when?.includes(`^forge:${kind}`));
  const source = /viewItem =~ \/(.+)\/$/.exec(entry?.when ?? '')?.[1];
  assert.ok(source, `no view/item/context entry for ${command} on ${kind}`);
  return new RegExp(source);
}

async function signIn(serverUrl: string, token?: string): Promise<{ name: string; role: string } | undefined> {
  return vscode.commands.executeCommand('forge.signIn', { serverUrl, token });
}

describe('release views and the session', function () {
  this.timeout(240_000);
  let api: ForgeExtensionApi;
  let service: ForgeService;
  const users: Record<'developer' | 'maintainer', { id: string; token: string }> = {} as never;
  let waiting: Release;

  const contextValues = async (): Promise<Record<string, string>> =>
    Object.fromEntries((await api.treeItems('environments')).map((item) => [String(item.label), item.contextValue ?? '']));

  before(async () => {
    const extension = vscode.extensions.getExtension<ForgeExtensionApi>(extensionId);
    assert.ok(extension);
    api = extension.isActive ? extension.exports : await extension.activate();
    service = await startForgeService({ cli: join(extension.extensionPath, 'dist', 'service.js'), env: { ELECTRON_RUN_AS_NODE: '1' } });
    users.developer = await service.createUser('dana', 'developer');
    users.maintainer = await service.createUser('max', 'maintainer');
    const content = workflowText('intake', [planNode('start'), planNode('finish', ['start'])]);
    await service.api('POST', '/api/versions', { tag: 'v1.0.0', commit: 'b1c2d3e4', artifacts: [{ kind: 'workflow', path: 'workflows/intake.json', content }] });
    // The production chain as the service requires it: development, staging, a passed smoke test, then approval.
    for (const environment of ['development', 'staging']) {
      const release = await service.api<Release>('POST', '/api/releases', { version: 'v1.0.0', environment });
      await waitFor(async () => (await service.api<Release>('GET', `/api/releases/${release.id}`)).status === 'succeeded', `the ${environment} deploy did not succeed`);
    }
    await service.api('POST', '/api/versions/v1.0.0/checks', { name: 'smoke-tests', status: 'success' });
    waiting = await service.api<Release>('POST', '/api/releases', { version: 'v1.0.0', environment: 'production' });
    assert.equal(waiting.approval, 'waiting');
  });

  after(async () => {
    await vscode.commands.executeCommand('forge.signOut');
    await service?.stop();
  });

  it('with forge.serverUrl empty, signing in starts the embedded service and signs in as its admin', async () => {
    assert.equal(vscode.workspace.getConfiguration('forge').get('serverUrl'), '');
    const me = await signIn('');
    assert.equal(me?.role, 'admin');
    const connection = api.connection();
    assert.equal(connection?.embedded, true);
    assert.match(connection.serverUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${connection.serverUrl}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual((await api.treeItems('environments')).map((item) => item.label), ['development', 'staging', 'production']);
  });

  it('signing in to a server verifies the token and shows the user and role', async () => {
    const me = await signIn(service.url, service.adminToken);
    assert.deepEqual({ name: me?.name, role: me?.role }, { name: 'admin', role: 'admin' });
    assert.deepEqual(api.connection(), { serverUrl: service.url, me: api.connection()?.me, embedded: false });
    const refused = await signIn(service.url, 'not-a-valid-token-0123456789');
    assert.equal(refused, undefined, 'a wrong token signed in');
    assert.equal(api.connection(), undefined);
  });

  it('gives each environment the context flags of the role matrix, so menus hide what a role may not do', async () => {
    const deploy = menuRegex('forge.deploy', 'environment');
    const rollback = menuRegex('forge.rollback', 'environment');
    const expectations: Record<string, Record<string, string>> = {
      developer: { development: 'forge:environment+canDeploy+canPromote+canRollback', staging: 'forge:environment', production: 'forge:environment' },
      maintainer: {
        development: 'forge:environment+canDeploy+canPromote+canRollback',
        staging: 'forge:environment+canDeploy+canPromote+canRollback',
        production: 'forge:environment+canApprove',
      },
      admin: {
        development: 'forge:environment+canDeploy+canPromote+canRollback+canConfigure',
        staging: 'forge:environment+canDeploy+canPromote+canRollback+canConfigure',
        // No version is active in production yet: nothing to roll back.
        production: 'forge:environment+canDeploy+canPromote+canApprove+canConfigure',
      },
    };
    for (const [role, expected] of Object.entries(expectations)) {
      const token = role === 'admin' ? service.adminToken : users[role as keyof typeof users].token;
      assert.equal((await signIn(service.url, token))?.role, role);
      const values = await contextValues();
      assert.deepEqual(values, expected, `context values for a ${role}`);
      const deployable = Object.keys(values).filter((name) => deploy.test(values[name]!));
      assert.deepEqual(deployable, Object.keys(expected).filter((name) => expected[name]!.includes('+canDeploy')), `Deploy shows for a ${role} on`);
      assert.deepEqual(Object.keys(values).filter((name) => rollback.test(values[name]!)), deployable.filter((name) => name !== 'production'));
    }
    // A developer never sees "Deploy" on production.
    await signIn(service.url, users.developer.token);
    assert.equal(deploy.test((await contextValues()).production!), false);
  });

  it('shows the release waiting for approval under its environment and in Approvals; only a reviewer other than the requester may decide', async () => {
    const approve = menuRegex('forge.approve', 'approval');
    const cases: [string, string, boolean][] = [
      [service.adminToken, 'admin (the requester)', false],
      [users.maintainer.token, 'maintainer', true],
      [users.developer.token, 'developer', false],
    ];
    for (const [token, who, mayDecide] of cases) {
      await signIn(service.url, token);
      const [row] = await api.treeItems('approvals');
      assert.ok(row, `no approval row for the ${who}`);
      assert.equal(row.label, 'v1.0.0 → production');
      assert.match(String(row.description), /^0 of 2 approvals · admin/);
      assert.deepEqual(row.command?.arguments, [waiting.id]);
      assert.equal(row.command?.command, 'forge.openApprovalPanel');
      assert.equal(approve.test(row.contextValue ?? ''), mayDecide, `Approve for the ${who}: ${row.contextValue}`);
    }
    const children = await api.treeItems('environments', 'production');
    assert.deepEqual(children.map((item) => item.label), ['v1.0.0 → production', 'v1.0.0']);
    assert.match(String(children[1]!.description), /^deploy · admin · .* · waiting for approval$/);
    const production = (await api.treeItems('environments')).find((item) => item.label === 'production');
    assert.match(String(production?.description), /no version · 1 awaiting approval/);
    assert.equal((production?.iconPath as vscode.ThemeIcon).id, 'watch');
    const development = (await api.treeItems('environments')).find((item) => item.label === 'development');
    assert.equal((development?.iconPath as vscode.ThemeIcon).id, 'pass-filled');
  });

  it('"Forge: Approve" records a reviewer\'s decision; the row then counts it and offers that reviewer nothing more', async () => {
    await signIn(service.url, service.adminToken);
    assert.equal(await vscode.commands.executeCommand('forge.approve', waiting.id, 'my own release'), undefined, 'the requester approved their own release');
    await signIn(service.url, users.maintainer.token);
    const approval = await vscode.commands.executeCommand<{ approvals: number; required: number; state: string } | undefined>('forge.approve', waiting.id, 'Diff reviewed');
    assert.deepEqual({ approvals: approval?.approvals, required: approval?.required, state: approval?.state }, { approvals: 1, required: 2, state: 'waiting' });
    const [row] = await api.treeItems('approvals');
    assert.match(String(row?.description), /^1 of 2 approvals/);
    assert.equal(menuRegex('forge.approve', 'approval').test(row?.contextValue ?? ''), false, 'Approve still offered after deciding');
    const release = await service.api<Release>('GET', `/api/releases/${waiting.id}`);
    assert.deepEqual(release.approvals.map(({ user, decision, comment }) => ({ user, decision, comment })), [{ user: 'max', decision: 'approve', comment: 'Diff reviewed' }]);
  });

  it('shows a deploy freeze in force on the environment row', async () => {
    const hour = 3_600_000;
    const local = (ms: number) => new Date(ms).toISOString().slice(0, 16);
    await service.api('PUT', '/api/environments/staging', {
      freezeWindows: [{ kind: 'once', start: local(Date.now() - hour), end: local(Date.now() + hour), timeZone: 'UTC', reason: 'Quarter close' }],
    });
    await signIn(service.url, users.maintainer.token);
    const staging = (await api.treeItems('environments')).find((item) => item.label === 'staging');
    assert.match(String(staging?.description), /^v1\.0\.0 · frozen$/);
    assert.match((staging?.tooltip as vscode.MarkdownString).value, /Deploy freeze in force: .*Quarter close/);
  });

  it('"Forge: Show Audit Log" documents list the matching events under the hash-chain check', async () => {
    await signIn(service.url, service.adminToken);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse('forge-audit:/audit-development-deployment.txt?action=deployment&environment=development'));
    const [title, , header, , ...rows] = document.getText().trimEnd().split('\n');
    assert.match(title!, /^Forge audit log — deployment, development — \d+ events — hash chain intact \(\d+ events\)$/);
    assert.match(header!, /^seq +at +actor +action +environment +version +outcome$/);
    assert.ok(rows.length > 0 && rows.every((row) => /\bdeployment(\.\w+)? +development +v1\.0\.0\b/.test(row)), rows.join('\n'));
  });

  it('signing out forgets the token: nothing is shown and signing in again needs the token', async () => {
    await signIn(service.url, users.maintainer.token);
    assert.doesNotMatch(JSON.stringify(vscode.workspace.getConfiguration('forge')), new RegExp(users.maintainer.token));
    await vscode.commands.executeCommand('forge.signOut');
    assert.equal(api.connection(), undefined);
    assert.equal(api.connectionState(), 'signedOut');
    assert.deepEqual(await api.treeItems('environments'), []);
    assert.equal(await signIn(service.url), undefined, 'signed in without a token after signing out');
  });

  it('notices a server that stops answering: the session becomes unreachable and the views empty', async () => {
    await signIn(service.url, service.adminToken);
    assert.equal(api.connection()?.me.role, 'admin');
    const lost = new Promise<void>((resolve) => {
      const subscription = api.onDidChangeConnection(() => {
        if (api.connection()) return;
        subscription.dispose();
        resolve();
      });
    });
    await service.stop();
    await Promise.race([lost, new Promise((_, reject) => setTimeout(() => reject(new Error('the lost server was not noticed within 60 s')), 60_000))]);
    assert.equal(api.connectionState(), 'unreachable');
    assert.deepEqual(await api.treeItems('environments'), []);
  });
});

async function waitFor(condition: () => Promise<boolean>, message: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
