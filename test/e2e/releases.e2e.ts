import assert from 'node:assert/strict';
import { join } from 'node:path';
import { registerExampleVersion } from './harness/exampleVersions';
import { type ForgeService, startForgeService } from './harness/forgeService';
import { type Session, startSession } from './harness/session';
import { locateVsix, outputDir, repositoryRoot } from './harness/vscodeWeb';
import { reportFailedTest } from './harness/failureReport';

const screenshots = outputDir('e2e');

interface ReleaseBody {
  id: string;
  status: string;
  approval: string;
}

describe('release views and commands in the workbench (real service)', () => {
  let service: ForgeService;
  let session: Session;

  before(async () => {
    service = await startForgeService();
    await registerExampleVersion(service, 'v1.0.0');
    await registerExampleVersion(service, 'v1.0.1', (path, text) => (path === 'workflows/claims-intake.json' ? text.replace('"description": "', '"description": "Reviewed. ') : text));
    // A server URL with no stored token: the extension starts signed out instead of running its embedded service.
    // The folder's settings, because the remote extension host may read user settings of machine scope late.
    session = await startSession({
      copyFrom: join(repositoryRoot, 'examples', 'claims-repo'),
      vsix: [locateVsix()],
      files: { '.vscode/settings.json': JSON.stringify({ 'forge.serverUrl': service.url }) },
    });
  });

  afterEach(async function () {
    await reportFailedTest(this.currentTest, session, screenshots);
  });

  after(async () => {
    await session?.stop();
    await service?.stop();
  });

  it('signs in from the palette and shows the three environments', async () => {
    const { workbench } = session;
    await workbench.openActivity('Forge Releases');
    await workbench.waitForView('Environments');
    assert.match(await workbench.viewWelcome('Environments'), /Sign in to a Forge Releases server/);
    await workbench.runCommand('Forge: Sign In');
    await workbench.answerInput(service.url);
    await workbench.answerInput(service.adminToken);
    const rows = await workbench.treeItems('Environments', 3);
    assert.deepEqual(rows, ['development', 'staging', 'production']);
    await workbench.resizeSideBar(560);
    const status = await workbench.page.locator('.statusbar-item[id$="forge.session"]').innerText();
    assert.match(status, /admin \(admin\)/);
  });

  it('"Forge: Deploy" from the palette puts a version on development and the tree follows without a refresh', async () => {
    const { workbench } = session;
    await workbench.runCommand('Forge: Deploy');
    await workbench.pickQuickItem('v1.0.0');
    await workbench.pickQuickItem('development');
    const dialog = await workbench.clickDialogButton('Deploy');
    assert.match(dialog, /Deploy v1\.0\.0 to development\?/);
    assert.match(dialog, /validation/);
    await waitForRow(session, 'development', /^development v1\.0\.0/);
    await workbench.screenshot(screenshots, 'environments-deployed');
  });

  it('a production deploy waits for approval and the tree shows it waiting', async () => {
    const { workbench } = session;
    // Production needs the version on staging first and a passed smoke test.
    const staging = await service.api<ReleaseBody>('POST', '/api/releases', { version: 'v1.0.0', environment: 'staging' });
    await waitForRelease(service, staging.id, 'succeeded');
    await service.api('POST', '/api/versions/v1.0.0/checks', { name: 'smoke-tests', status: 'success' });
    await workbench.runCommand('Forge: Deploy');
    await workbench.pickQuickItem('v1.0.0');
    await workbench.pickQuickItem('production');
    await workbench.clickDialogButton('Deploy');
    await waitForRow(session, 'production', /awaiting approval/);
    await workbench.treeRow('Environments', 'production').click();
    await waitForRow(session, 'v1.0.0 → production', /0 of 2 approvals/);
    const approvals = await workbench.treeItems('Approvals', 1);
    assert.deepEqual(approvals, ['v1.0.0 → production']);
    await workbench.screenshot(screenshots, 'environments-waiting-approval');
  });

  it('Rollback from the tree\'s context menu restores the previous version', async () => {
    const { workbench } = session;
    const next = await service.api<ReleaseBody>('POST', '/api/releases', { version: 'v1.0.1', environment: 'development' });
    await waitForRelease(service, next.id, 'succeeded');
    await waitForRow(session, 'development', /^development v1\.0\.1/);
    await workbench.treeContextMenu('Environments', 'development', 'Rollback');
    await workbench.pickQuickItem('v1.0.0');
    await workbench.answerInput('smoke test regression');
    await waitForRow(session, 'development', /^development v1\.0\.0/);
    const releases = await service.api<{ items: { kind: string; version: string; status: string }[] }>('GET', '/api/releases?environment=development&limit=1');
    assert.deepEqual(releases.items.map(({ kind, version, status }) => ({ kind, version, status })), [{ kind: 'rollback', version: 'v1.0.0', status: 'succeeded' }]);
    await workbench.screenshot(screenshots, 'environments-rolled-back');
  });

  it('logged no Content-Security-Policy violation', async () => {
    await session.workbench.problems();
    await session.workbench.screenshot(screenshots, 'problems-signed-in');
    assert.deepEqual(session.workbench.cspViolations(), []);
  });
});

/** Waits until a tree row's text (label and description) matches. */
async function waitForRow(session: Session, label: string, pattern: RegExp): Promise<void> {
  let seen = '';
  await waitUntil(async () => pattern.test((seen = await session.workbench.treeRowText('Environments', label))), `the ${label} row never matched ${pattern}`, () => `; last seen: "${seen}"`);
}

async function waitUntil(condition: () => Promise<boolean>, message: string, detail: () => string = () => '', timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await condition()) return;
    } catch {
      // the row may be re-rendering
    }
    if (Date.now() > deadline) throw new Error(message + detail());
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function waitForRelease(service: ForgeService, id: string, status: string): Promise<void> {
  await waitUntil(async () => (await service.api<ReleaseBody>('GET', `/api/releases/${id}`)).status === status, `release ${id} never became ${status}`);
}
