import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Release } from '../../core/api/release';
import type { AuditPanel } from '../../extension/audit/auditPanel';
import type { ForgeExtensionApi } from '../../extension/extensionApi';
import type { AuditState } from '../../webviews/audit/protocol';
import { startForgeService, type ForgeService } from '../e2e/harness/forgeService';
import { treeLabel } from './support/treeLabel';
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
    Object.fromEntries((await api.treeItems('environments')).map((item) => [treeLabel(item), item.contextValue ?? '']));

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
    // A second version on development: there is something to roll back to there, and something to promote to staging.
    const next = workflowText('intake', [planNode('start'), planNode('finish', ['start']), planNode('notify', ['finish'])]);
    await service.api('POST', '/api/versions', { tag: 'v1.1.0', commit: 'c2d3e4f5', artifacts: [{ kind: 'workflow', path: 'workflows/intake.json', content: next }] });
    const development = await service.api<Release>('POST', '/api/releases', { version: 'v1.1.0', environment: 'development' });
    await waitFor(
      async () => (await service.api<Release>('GET', `/api/releases/${development.id}`)).status === 'succeeded',
      'the second development deploy did not succeed',
    );
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
    assert.deepEqual(
      (await api.treeItems('environments')).map((item) => item.label),
      ['development', 'staging', 'production'],
    );
  });

  it('signing in to a server verifies the token and shows the user and role', async () => {
    const me = await signIn(service.url, service.adminToken);
    assert.deepEqual({ name: me?.name, role: me?.role }, { name: 'admin', role: 'admin' });
    assert.deepEqual(api.connection(), { serverUrl: service.url, me: api.connection()?.me, embedded: false });
    const refused = await signIn(service.url, 'not-a-valid-token-0123456789');
    assert.equal(refused, undefined, 'a wrong token signed in');
    assert.equal(api.connection(), undefined);
  });

  it('gives each environment the context flags of the role matrix and of what can apply, so menus hide the rest', async () => {
    const deploy = menuRegex('forge.deploy', 'environment');
    const rollback = menuRegex('forge.rollback', 'environment');
    // Development ran v1.0.0 before v1.1.0 (a rollback target) and is the first environment (nothing to promote
    // from); staging runs only v1.0.0 (nothing to roll back to) and is behind development; production runs nothing.
    const expectations: Record<string, Record<string, string>> = {
      developer: { development: 'forge:environment+canDeploy+canRollback', staging: 'forge:environment', production: 'forge:environment' },
      maintainer: {
        development: 'forge:environment+canDeploy+canRollback',
        staging: 'forge:environment+canDeploy+canPromote',
        production: 'forge:environment+canApprove',
      },
      admin: {
        development: 'forge:environment+canDeploy+canRollback+canConfigure',
        staging: 'forge:environment+canDeploy+canPromote+canConfigure',
        production: 'forge:environment+canDeploy+canPromote+canApprove+canConfigure',
      },
    };
    for (const [role, expected] of Object.entries(expectations)) {
      const token = role === 'admin' ? service.adminToken : users[role as keyof typeof users].token;
      assert.equal((await signIn(service.url, token))?.role, role);
      const values = await contextValues();
      assert.deepEqual(values, expected, `context values for a ${role}`);
      const deployable = Object.keys(values).filter((name) => deploy.test(values[name]!));
      assert.deepEqual(
        deployable,
        Object.keys(expected).filter((name) => expected[name]!.includes('+canDeploy')),
        `Deploy shows for a ${role} on`,
      );
      assert.deepEqual(
        Object.keys(values).filter((name) => rollback.test(values[name]!)),
        ['development'],
        `Rollback shows for a ${role} on`,
      );
    }
    // A developer never sees "Deploy" on production.
    await signIn(service.url, users.developer.token);
    assert.equal(deploy.test((await contextValues()).production!), false);
  });

  it('shows the release waiting for approval once under its environment and in Approvals; only a reviewer other than the requester may decide, and only theirs counts on the badge', async () => {
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
      assert.equal(row.command?.command, 'forge.openRelease');
      assert.equal(approve.test(row.contextValue ?? ''), mayDecide, `Approve for the ${who}: ${row.contextValue}`);
      await waitFor(
        async () => api.decisionBadge() === (mayDecide ? 1 : 0),
        `the badge for the ${who} never showed ${mayDecide ? 1 : 0} (shows ${api.decisionBadge()})`,
        10_000,
      );
    }
    // The pending release shows once: as the approval row, not again among the latest releases.
    const children = await api.treeItems('environments', 'production');
    assert.deepEqual(
      children.map((item) => item.label),
      ['v1.0.0 → production'],
    );
    // Development's history marks the release that made its version active, and opens its details on a click.
    const history = await api.treeItems('environments', 'development');
    assert.deepEqual(
      history.map((item) => [item.label, String(item.description).startsWith('active · ')]),
      [
        ['v1.1.0', true],
        ['v1.0.0', false],
      ],
    );
    assert.equal(history[0]!.command?.command, 'forge.openRelease');
    assert.doesNotMatch(String((history[0]!.tooltip as vscode.MarkdownString).value), /\d{4}-\d{2}-\d{2}T/, 'the tooltip shows local times, not ISO strings');
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
    const approval = await vscode.commands.executeCommand<{ approvals: number; required: number; state: string } | undefined>(
      'forge.approve',
      waiting.id,
      'Diff reviewed',
    );
    assert.deepEqual({ approvals: approval?.approvals, required: approval?.required, state: approval?.state }, { approvals: 1, required: 2, state: 'waiting' });
    const [row] = await api.treeItems('approvals');
    assert.match(String(row?.description), /^1 of 2 approvals/);
    assert.equal(menuRegex('forge.approve', 'approval').test(row?.contextValue ?? ''), false, 'Approve still offered after deciding');
    const release = await service.api<Release>('GET', `/api/releases/${waiting.id}`);
    assert.deepEqual(
      release.approvals.map(({ user, decision, comment }) => ({ user, decision, comment })),
      [{ user: 'max', decision: 'approve', comment: 'Diff reviewed' }],
    );
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

  it('"Forge: Show Audit Log" opens a panel with the hash-chain verdict; its filters select in place', async () => {
    await signIn(service.url, service.adminToken);
    const panel = await vscode.commands.executeCommand<AuditPanel>('forge.showAuditLog');
    assert.ok(panel);
    const first = panel.deliveredState ?? (await nextState(panel, () => true));
    assert.equal(first.problem, null);
    assert.equal(first.chain?.ok, true);
    assert.ok(first.chain.count >= first.events.length);
    assert.deepEqual(first.environments, ['development', 'staging', 'production']);
    assert.ok(first.actors.includes('admin') && first.actors.includes('max'), first.actors.join(', '));
    assert.ok(first.events.length > 0 && first.events.every((event, index, all) => index === 0 || all[index - 1]!.seq > event.seq), 'newest first');
    const filtered = nextState(panel, (state) => state.filters.action === 'deployment');
    assert.equal(
      await panel.receive({ type: 'setFilters', filters: { action: 'deployment', environment: 'development', actor: null, releaseId: null, period: 'all' } }),
      true,
    );
    const rows = (await filtered).events;
    assert.ok(rows.length >= 4, `${rows.length} deployment events in development`);
    assert.ok(
      rows.every((event) => event.action.startsWith('deployment.') && event.environment === 'development'),
      JSON.stringify(rows),
    );
    assert.ok(
      rows.some((event) => event.action === 'deployment.completed' && event.releaseId),
      'events link to their releases',
    );
    const target = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'audit-export.csv');
    assert.deepEqual(await panel.exportCsv(target), target);
    const csv = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    const lines = csv.trimEnd().split('\r\n');
    assert.equal(lines[0], 'id,seq,at,actor,action,environment,version,releaseId,outcome,details,prevHash,hash');
    assert.equal(lines.length - 1, rows.length, 'the export holds what the filters select');
    await vscode.workspace.fs.delete(target);
    panel.dispose();
  });

  it('a rejected approval reads as rejected on the environment row, not as a failed deploy', async () => {
    const rita = await service.createUser('rita', 'admin');
    await service.api('POST', `/api/releases/${waiting.id}/approvals`, { decision: 'reject', comment: 'not this week' }, rita.token);
    await signIn(service.url, service.adminToken);
    const production = (await api.treeItems('environments')).find((item) => item.label === 'production');
    assert.equal((production?.iconPath as vscode.ThemeIcon).id, 'circle-slash', 'no error icon: nothing failed to deploy');
    assert.match((production?.tooltip as vscode.MarkdownString).value, /Last release: v1\.0\.0 \(deploy\) rejected, nothing deployed,/);
    const [row] = await api.treeItems('environments', 'production');
    assert.match(String(row?.description), / · rejected$/);
    assert.equal((row?.iconPath as vscode.ThemeIcon).id, 'circle-slash');
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

/** The next state the panel delivers that satisfies the predicate. */
function nextState(panel: AuditPanel, predicate: (state: AuditState) => boolean, timeoutMs = 30_000): Promise<AuditState> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error('the audit panel delivered no matching state'));
    }, timeoutMs);
    const subscription = panel.onDidDeliverState((state) => {
      if (!predicate(state)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(state);
    });
  });
}

async function waitFor(condition: () => Promise<boolean>, message: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
