import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Session, startSession } from './harness/session';
import { locateVsix, outputDir, repositoryRoot } from './harness/vscodeWeb';
import { reportFailedTest } from './harness/failureReport';

const screenshots = outputDir('e2e');

describe('the embedded service (forge.serverUrl empty) in the workbench', () => {
  let session: Session;

  const git = (...args: string[]): string => execFileSync('git', args, { cwd: session.sandbox.workspace, encoding: 'utf8' });

  before(async () => {
    session = await startSession({ copyFrom: join(repositoryRoot, 'examples', 'claims-repo'), vsix: [locateVsix()] });
    git('init', '--quiet', '--initial-branch=main');
    git('config', 'user.name', 'Erin Example');
    git('config', 'user.email', 'erin@example.invalid');
    git('add', '.');
    git('commit', '--quiet', '-m', 'Claims workflows');
  });

  afterEach(async function () {
    await reportFailedTest(this.currentTest, session, screenshots);
  });

  after(async () => {
    await session?.stop();
  });

  it('starts the bundled service from the .vsix and signs in as its admin without asking', async () => {
    const { workbench } = session;
    await workbench.openActivity('Forge Releases');
    await workbench.waitForView('Environments');
    assert.deepEqual(await workbench.treeItems('Environments', 3), ['development', 'staging', 'production']);
    await workbench.page.locator('.statusbar-item[id$="forge.session"]', { hasText: 'admin (admin) @ embedded' }).waitFor();
  });

  it('"Forge: Create Version" tags HEAD with the inferred version and registers it; "Forge: Deploy" puts it on development', async () => {
    const { workbench } = session;
    await workbench.runCommand('Forge: Create Version');
    await workbench.pickQuickItem('v1.0.0');
    await workbench.answerInput('First release of the claims workflows');
    await workbench.page.locator('.notifications-toasts .notification-list-item', { hasText: 'v1.0.0 created and registered' }).waitFor({ timeout: 60_000 });
    assert.equal(git('tag', '--list').trim(), 'v1.0.0');
    assert.match(git('tag', '-n1', 'v1.0.0'), /First release of the claims workflows/);

    await workbench.runCommand('Forge: Deploy');
    await workbench.pickQuickItem('v1.0.0');
    await workbench.pickQuickItem('development');
    await workbench.clickDialogButton('Deploy');
    const deadline = Date.now() + 60_000;
    while (!/v1\.0\.0/.test(await workbench.treeRowText('Environments', 'development'))) {
      assert.ok(Date.now() < deadline, 'development never showed v1.0.0');
      await workbench.page.waitForTimeout(250);
    }
    await workbench.screenshot(screenshots, 'environments-embedded');
  });

  it('offers the bump the DAG diff infers first, with the change that calls for it', async () => {
    const { workbench, sandbox } = session;
    const file = join(sandbox.workspace, 'workflows', 'claims-intake.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"description": "', '"description": "Reviewed. '));
    git('commit', '--quiet', '-am', 'Reword the intake description');
    await workbench.runCommand('Forge: Create Version');
    const first = workbench.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first();
    await first.waitFor({ state: 'visible', timeout: 30_000 });
    const text = (await first.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /^v1\.0\.1 ?patch — inferred from 1 change\(s\)/);
    assert.match(text, /workflow claims-intake: .*description/);
    await workbench.page.keyboard.press('Escape');
  });

  it('logged no Content-Security-Policy violation', () => {
    assert.deepEqual(session.workbench.cspViolations(), []);
  });
});
