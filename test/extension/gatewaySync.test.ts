import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Environment } from '../../core/api/environment';
import type { EnvironmentSync } from '../../core/api/gatewaySync';
import type { Release } from '../../core/api/release';
import type { ForgeExtensionApi } from '../../extension/extensionApi';
import { startForgeService, type ForgeService } from '../e2e/harness/forgeService';
import { codePlanner, startFakeMarieGateway, type FakeMarieGateway } from '../support/fakeMarieGateway';
import { planNode, workflowText } from './support/workflowText';

const extensionId = 'forge.forge-releases';

interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}

/** Whether a `view/item/context` entry of the manifest shows on a row with this `contextValue` (all its regexes match). */
function menuShows(entry: MenuEntry, contextValue: string): boolean {
  const regexes = [...(entry.when ?? '').matchAll(/viewItem =~ \/(.+?)\/(?= &&|$)/g)].map((match) => new RegExp(match[1]!));
  return regexes.length > 0 && regexes.every((regex) => regex.test(contextValue));
}

describe('gateway sync in the Environments view', function () {
  this.timeout(240_000);
  let api: ForgeExtensionApi;
  let service: ForgeService;
  let marie: FakeMarieGateway;
  let reconcileMenus: MenuEntry[];

  const row = async (name: string) => (await api.treeItems('environments')).find((item) => item.label === name)!;
  const tooltip = (item: vscode.TreeItem) => (item.tooltip as vscode.MarkdownString).value;

  before(async () => {
    const extension = vscode.extensions.getExtension<ForgeExtensionApi>(extensionId);
    assert.ok(extension);
    api = extension.isActive ? extension.exports : await extension.activate();
    const manifest = extension.packageJSON as { contributes: { menus: Record<string, MenuEntry[]> } };
    reconcileMenus = manifest.contributes.menus['view/item/context']!.filter((entry) => entry.command === 'forge.reconcile');
    marie = await startFakeMarieGateway({ codePlanners: [codePlanner('builtin-router')] });
    service = await startForgeService({
      cli: join(extension.extensionPath, 'dist', 'service.js'),
      env: { ELECTRON_RUN_AS_NODE: '1', FORGE_RECONCILE_INTERVAL_MS: '300' },
    });
    const content = workflowText('intake', [planNode('start'), planNode('finish', ['start'])]);
    await service.api('POST', '/api/versions', { tag: 'v1.0.0', commit: 'b1c2d3e4', artifacts: [{ kind: 'workflow', path: 'workflows/intake.json', content }] });
    await service.api('PUT', '/api/environments/development', { gateways: [{ type: 'marie', url: marie.url }], reconcile: 'report' });
    const release = await service.api<Release>('POST', '/api/releases', { version: 'v1.0.0', environment: 'development' });
    await waitFor(async () => (await service.api<Release>('GET', `/api/releases/${release.id}`)).status === 'succeeded', 'the deploy did not succeed');
    assert.ok(await vscode.commands.executeCommand('forge.signIn', { serverUrl: service.url, token: service.adminToken }));
  });

  after(async () => {
    await vscode.commands.executeCommand('forge.signOut');
    await service?.stop();
    await marie?.close();
  });

  it('shows an environment in sync, with its gateways in the tooltip and Reconcile in its menu', async () => {
    await waitFor(async () => tooltip(await row('development')).includes('**Gateways: in-sync**'), 'development never showed in sync');
    const development = await row('development');
    assert.equal(development.description, 'v1.0.0');
    assert.equal((development.iconPath as vscode.ThemeIcon).id, 'pass-filled');
    assert.match(tooltip(development), new RegExp(`\\$\\(pass\\) marie ${marie.url} — in-sync`));
    assert.match(tooltip(development), /drift is only reported/);
    const contextValue = development.contextValue ?? '';
    assert.deepEqual(
      reconcileMenus.filter((entry) => menuShows(entry, contextValue)).map((entry) => entry.group),
      ['1_release@4'],
    );
    // An environment without gateways offers no Reconcile.
    const staging = (await row('staging')).contextValue ?? '';
    assert.ok(!reconcileMenus.some((entry) => menuShows(entry, staging)));
  });

  it('shows a restarted gateway as drifted, listing what is missing, with Reconcile inline', async () => {
    await marie.restart();
    await waitFor(async () => String((await row('development')).description).includes('drifted'), 'development never showed drifted');
    const development = await row('development');
    assert.equal(development.description, 'v1.0.0 · drifted');
    assert.equal((development.iconPath as vscode.ThemeIcon).id, 'warning');
    assert.match(tooltip(development), /\*\*Gateways: drifted\*\*/);
    assert.match(tooltip(development), new RegExp(`\\$\\(warning\\) marie ${marie.url} — drifted; missing: intake`));
    const contextValue = development.contextValue ?? '';
    assert.deepEqual(
      reconcileMenus
        .filter((entry) => menuShows(entry, contextValue))
        .map((entry) => entry.group)
        .sort(),
      ['1_release@4', 'inline@3'],
    );
  });

  it('"Forge: Reconcile" re-publishes the active version and the row returns to in sync', async () => {
    const environment = await service.api<Environment>('GET', '/api/environments/development');
    const sync = await vscode.commands.executeCommand<EnvironmentSync | undefined>('forge.reconcile', {
      kind: 'environment',
      environment,
      capabilities: { canDeploy: true, canPromote: true, canRollback: true, canApprove: false, canConfigure: true },
    });
    assert.equal(sync?.state, 'in-sync');
    assert.deepEqual(
      [...marie.planners.values()].filter((p) => p.tags.includes('forge')).map((p) => `${p.name}@${p.version}`),
      ['intake@v1.0.0'],
    );
    assert.equal(marie.planners.get('builtin-router')?.source_type, 'code');
    await waitFor(async () => (await row('development')).description === 'v1.0.0', 'the row did not return to in sync');
    assert.equal(((await row('development')).iconPath as vscode.ThemeIcon).id, 'pass-filled');
  });

  it('shows an unreachable gateway', async () => {
    await marie.stop();
    try {
      await waitFor(async () => String((await row('development')).description).includes('unreachable'), 'development never showed unreachable');
      const development = await row('development');
      assert.equal((development.iconPath as vscode.ThemeIcon).id, 'debug-disconnect');
      assert.match(tooltip(development), /\$\(debug-disconnect\) marie .* — unreachable; unreachable \(ECONNREFUSED\)/);
    } finally {
      await marie.start();
    }
  });
});

async function waitFor(condition: () => Promise<boolean>, message: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
