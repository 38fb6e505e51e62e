import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ForgeClient } from '../../client/forgeClient';
import type { Release } from '../../core/api/release';
import { exampleArtifacts } from './harness/exampleVersions';
import { startForgeService, type ForgeService } from './harness/forgeService';
import { type Session, startSession } from './harness/session';
import type { Workbench } from './harness/workbench';
import { locateVsix, outputDir, repositoryRoot } from './harness/vscodeWeb';
import { reportFailedTest } from './harness/failureReport';

const screenshots = outputDir('e2e');
const claimsRepo = join(repositoryRoot, 'examples', 'claims-repo');
type Artifact = ReturnType<typeof exampleArtifacts>[number];

/** v1.1.0's change: the fraud analyst gets a sharper prompt (minor), a new tool (minor) and a lower temperature (patch). */
function tunedFraudAnalyst(artifacts: Artifact[]): Artifact[] {
  return artifacts.map((artifact) => {
    if (artifact.path !== 'agents/fraud-analyst.json') return artifact;
    const agent = JSON.parse(artifact.content) as { spec: { system_prompt: string; model: { temperature: number }; tools: unknown[] } };
    agent.spec.system_prompt += ' Flag claims filed within 30 days of the policy start.';
    agent.spec.model.temperature = 0.05;
    agent.spec.tools.push({ name: 'policy_timeline', config: { endpoint: 'policy_executor://policies/timeline' } });
    return { ...artifact, content: `${JSON.stringify(agent, null, 2)}\n` };
  });
}

/** Follows a release to its end through the API client; it must end as `status`. */
async function waitForRelease(service: ForgeService, id: string, status: Release['status'], timeoutMs = 60_000): Promise<Release> {
  const release = await new ForgeClient({ baseUrl: service.url, token: service.adminToken }).waitForRelease(id, { intervalMs: 250, timeoutMs });
  assert.equal(release.status, status, `release ${id} ended ${release.status}: ${release.reason ?? 'no reason'}`);
  return release;
}

/** Deploys a version through development and staging, reports its smoke tests, and asks for production. */
async function requestProduction(service: ForgeService, tag: string): Promise<Release> {
  for (const environment of ['development', 'staging']) {
    const release = await service.api<Release>('POST', '/api/releases', { version: tag, environment });
    await waitForRelease(service, release.id, 'succeeded');
  }
  await service.api('POST', `/api/versions/${tag}/checks`, { name: 'smoke-tests', status: 'success', summary: '42 passed' });
  const production = await service.api<Release>('POST', '/api/releases', { version: tag, environment: 'production' });
  assert.equal(production.approval, 'waiting');
  return production;
}

/** "Forge: Sign In" as a user does it: the server URL, then the token, in the palette's input boxes. */
async function signIn(workbench: Workbench, url: string, token: string, name: string): Promise<void> {
  const { page } = workbench;
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const title = page.locator('.quick-input-widget .quick-input-title');
  await workbench.runCommand('Forge: Sign In');
  await title.filter({ hasText: 'Sign In (1/2)' }).waitFor({ state: 'visible' });
  await input.fill(url);
  await page.keyboard.press('Enter');
  await title.filter({ hasText: 'Sign In (2/2)' }).waitFor({ state: 'visible' });
  await input.fill(token);
  await page.keyboard.press('Enter');
  // The status bar names the signed-in user ("rita (maintainer) @ …").
  await page.locator('.statusbar-item', { hasText: `${name} (` }).first().waitFor({ timeout: 30_000 });
}

/** Clears the notification toasts so screenshots show the panel whole. */
async function clearNotifications(workbench: Workbench): Promise<void> {
  await workbench.runCommand('Notifications: Clear All Notifications');
  await workbench.page.locator('.notifications-toasts .notification-list-item').first().waitFor({ state: 'hidden' });
}

/** Signs out ("Sign In" is offered only while signed out), then in as another user. */
async function switchUser(workbench: Workbench, url: string, token: string, name: string): Promise<void> {
  await workbench.runCommand('Forge: Sign Out');
  await workbench.page.locator('.statusbar-item', { hasText: 'Forge: sign in' }).first().waitFor({ timeout: 30_000 });
  await signIn(workbench, url, token, name);
}

describe('approval panel in the workbench', function () {
  this.timeout(300_000);
  let service: ForgeService;
  let session: Session;
  let reviewer: { id: string; token: string };
  let secondReviewer: { id: string; token: string };
  let production: Release;

  before(async () => {
    service = await startForgeService();
    reviewer = await service.createUser('rita', 'maintainer');
    secondReviewer = await service.createUser('sam', 'maintainer');
    // v1.0.0 is what production runs; the panel reviews v1.1.0 against it.
    const v1 = exampleArtifacts();
    await service.api('POST', '/api/versions', { tag: 'v1.0.0', commit: 'c0ffee01', artifacts: v1 });
    const first = await requestProduction(service, 'v1.0.0');
    await service.api('POST', `/api/releases/${first.id}/approvals`, { decision: 'approve' }, reviewer.token);
    await service.api('POST', `/api/releases/${first.id}/approvals`, { decision: 'approve' }, secondReviewer.token);
    await waitForRelease(service, first.id, 'succeeded');

    const changeSet = await service.api<{ id: string }>('POST', '/api/changesets', {
      name: 'Fraud analyst tuning',
      pullRequests: [
        { number: 41, title: 'Sharper fraud prompt for new policies', author: 'rita', mergeCommit: 'abc0041' },
        { number: 42, title: 'Policy timeline tool for the fraud analyst', author: 'sam', mergeCommit: 'abc0042' },
      ],
      artifacts: ['agents/fraud-analyst.json'],
    });
    await service.api('POST', '/api/versions', { tag: 'v1.1.0', commit: 'c0ffee02', changeSets: [changeSet.id], artifacts: tunedFraudAnalyst(v1) });
    production = await requestProduction(service, 'v1.1.0');

    // A server URL with no stored token: the extension starts signed out rather than running its embedded service.
    session = await startSession({ copyFrom: claimsRepo, vsix: [locateVsix()], files: { '.vscode/settings.json': JSON.stringify({ 'forge.serverUrl': service.url }) } });
    await session.workbench.openActivity('Forge Releases');
    await session.workbench.waitForView('Approvals');
  });

  afterEach(async function () {
    await reportFailedTest(this.currentTest, session, screenshots);
  });

  after(async () => {
    await session?.stop();
    await service?.stop();
  });

  it('signed in as a reviewer, the panel opened from the palette shows the release, its diff and its gates', async () => {
    const { workbench } = session;
    await signIn(workbench, service.url, reviewer.token, 'rita');
    await workbench.runCommand('Forge: Open Approval Panel');
    await workbench.pickQuickItem('v1.1.0 → production');
    const frame = workbench.webviewFrame();
    await frame.locator('#release-version').waitFor({ timeout: 60_000 });
    assert.equal(await frame.locator('#release-version').innerText(), 'v1.1.0');
    assert.equal(await frame.locator('#release-environment').innerText(), 'production');
    assert.match(await frame.locator('#release-requester').innerText(), /admin/);
    assert.match(await frame.locator('#release-expiry').innerText(), /expires in (23 h|1 d)/);
    assert.equal(await frame.locator('#release-replaces').innerText(), 'v1.0.0');

    assert.match(await frame.locator('#diff-summary').innerText(), /v1\.1\.0 against v1\.0\.0: inferred bump\s+minor/);
    const diffRows = await frame.locator('#diff-table tbody tr').allInnerTexts();
    assert.ok(diffRows.length >= 3, `diff rows: ${diffRows.join(' | ')}`);
    assert.ok(diffRows.every((row) => /^agent\s+fraud-analyst/.test(row)), diffRows.join(' | '));
    assert.ok(diffRows.some((row) => /system_prompt/.test(row) && /minor$/.test(row.trim())), diffRows.join(' | '));
    assert.ok(diffRows.some((row) => /temperature/.test(row) && /patch$/.test(row.trim())), diffRows.join(' | '));

    const gates = await frame.locator('#gates li').evaluateAll((items) => items.map((item) => `${item.getAttribute('data-gate')}:${item.className}`));
    for (const gate of ['validation', 'promotion-order', 'required-checks', 'semver-policy']) assert.ok(gates.includes(`${gate}:gate gate-passed`), gates.join(', '));
    assert.ok(gates.includes('approvals:gate gate-waiting'), gates.join(', '));
    assert.match(await frame.locator('#change-sets').innerText(), /Fraud analyst tuning[\s\S]*#41 Sharper fraud prompt[\s\S]*#42 Policy timeline tool/);
    assert.match(await frame.locator('#approval-progress').innerText(), /^0 of 2 approvals/);
    assert.equal(await frame.locator('#approve').evaluate((button) => (button as HTMLElement & { disabled: boolean }).disabled), false);
    assert.equal(await frame.locator('#decision-explanation').isHidden(), true);
    await clearNotifications(workbench);
    await workbench.screenshot(screenshots, 'approval-panel-reviewer');
    await frame.locator('#diff').scrollIntoViewIfNeeded();
    await workbench.screenshot(screenshots, 'approval-panel-diff');
  });

  it('signed in as the requester, Approve is disabled with the reason', async () => {
    const { workbench } = session;
    await switchUser(workbench, service.url, service.adminToken, 'admin');
    const frame = workbench.webviewFrame();
    const explanation = frame.locator('#decision-explanation');
    await explanation.filter({ hasText: 'You requested this release; someone else must approve it' }).waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('#approve').evaluate((button) => (button as HTMLElement & { disabled: boolean }).disabled), true);
    assert.equal(await frame.locator('#reject').evaluate((button) => (button as HTMLElement & { disabled: boolean }).disabled), true);
    await clearNotifications(workbench);
    await workbench.screenshot(screenshots, 'approval-panel-requester');
  });

  it('the reviewer approves with a comment; with a second approval through the API the release finishes, and the panel follows', async () => {
    const { workbench } = session;
    await switchUser(workbench, service.url, reviewer.token, 'rita');
    const frame = workbench.webviewFrame();
    await frame.locator('#decision-explanation').waitFor({ state: 'hidden', timeout: 30_000 });
    await frame.locator('#comment textarea').fill('Checked the prompt and the new tool');
    await frame.locator('#approve').click();
    await frame.locator('#decision-outcome', { hasText: 'Your approval was recorded' }).waitFor({ timeout: 30_000 });
    await frame.locator('#approval-progress', { hasText: '1 of 2 approvals' }).waitFor({ timeout: 30_000 });
    assert.match(await frame.locator('#approvals').innerText(), /rita\s+approved[\s\S]*Checked the prompt and the new tool/);

    await service.api('POST', `/api/releases/${production.id}/approvals`, { decision: 'approve', comment: 'LGTM' }, secondReviewer.token);
    const finished = await waitForRelease(service, production.id, 'succeeded', 90_000);
    assert.equal(finished.approval, 'approved');
    assert.deepEqual(finished.approvals.map(({ user, decision }) => `${user}:${decision}`), ['rita:approve', 'sam:approve']);
    const environment = await service.api<{ activeVersion: string | null }>('GET', '/api/environments/production');
    assert.equal(environment.activeVersion, 'v1.1.0');

    // No refresh clicked: the service's events bring the outcome to the panel.
    await frame.locator('#release-status', { hasText: 'succeeded' }).waitFor({ timeout: 60_000 });
    assert.match(await frame.locator('#decision-explanation').innerText(), /no longer waiting for approval: it was approved/);
    assert.equal(await frame.locator('#release-expiry').innerText(), 'closed: approved');
    await clearNotifications(workbench);
    await workbench.screenshot(screenshots, 'approval-panel-approved');
  });

  it('comes back after the window reloads', async () => {
    const { workbench } = session;
    await workbench.page.reload();
    await workbench.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const frame = workbench.webviewFrame();
    await frame.locator('#release-status', { hasText: 'succeeded' }).waitFor({ timeout: 90_000 });
    assert.equal(await frame.locator('#release-version').innerText(), 'v1.1.0');
  });

  it('logged no Content Security Policy violation', () => {
    assert.deepEqual(session.workbench.cspViolations(), []);
  });
});
