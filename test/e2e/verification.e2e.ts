import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Release } from '../../core/api/release';
import { versionBody, workflowUpload } from '../service/support/artifacts';
import { testPrometheus, stopTestPrometheus, type MetricsScope, type TestPrometheus } from '../support/prometheus';
import { reportFailedTest } from './harness/failureReport';
import { type ForgeService, startForgeService } from './harness/forgeService';
import { type Session, startSession } from './harness/session';
import { screenshotInBothThemes, themeSettings } from './harness/themes';
import { locateVsix, outputDir, repositoryRoot } from './harness/vscodeWeb';
import { signInFromPalette } from './journey/signIn';

/**
 * Verification after deploy as a user of the editor sees it, against a separately started service watching a real
 * Prometheus, in real time with short windows: the Environments tree counts the window down and shows how it
 * ended with its checks in the tooltip, a breach rolls development back, and the release details list the samples.
 */
describe('verification after deploy in the real VS Code', function () {
  this.timeout(180_000);
  this.bail(true);
  const shots = outputDir('e2e', 'verification');
  let prometheus: TestPrometheus;
  let metrics: MetricsScope;
  let service: ForgeService;
  let session: Session;
  const workbench = () => session.workbench;

  async function setRatio(value: number): Promise<void> {
    metrics.gauge('forge_test_failure_ratio', { environment: 'development' }, value);
    await prometheus.waitFor(`forge_test_failure_ratio{${metrics.selector}}`, (samples) => samples[0]?.value === value);
  }

  async function deploy(version: string): Promise<Release> {
    const release = await service.api<Release>('POST', '/api/releases', { version, environment: 'development' });
    for (let waited = 0; waited < 30_000; waited += 200) {
      const current = await service.api<Release>('GET', `/api/releases/${release.id}`);
      if (current.status !== 'in-progress') return current;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`${version} never finished deploying`);
  }

  async function rowText(label: string, pattern: RegExp, timeoutMs = 60_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = await workbench()
        .treeRowText('Environments', label)
        .catch(() => '');
      if (pattern.test(text)) return text;
      if (Date.now() > deadline) throw new Error(`the ${label} row never matched ${pattern}; it shows "${text}"`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** Hovers a tree row and returns the text of the tooltip VS Code shows for it. */
  async function tooltipOf(label: string, expected: string): Promise<string> {
    const hover = workbench().page.locator('.workbench-hover, .monaco-hover').filter({ hasText: expected }).first();
    for (let attempt = 1; ; attempt += 1) {
      await workbench().page.mouse.move(0, 0);
      await workbench().treeRow('Environments', label).hover();
      try {
        await hover.waitFor({ state: 'visible', timeout: 5_000 });
        return await hover.innerText();
      } catch (error) {
        // A live refresh re-rendered the row under the pointer: hover again.
        if (attempt === 4) throw error;
      }
    }
  }

  before(async () => {
    prometheus = await testPrometheus();
    metrics = prometheus.scope();
    await setRatio(0.01);
    service = await startForgeService();
    for (const [tag, revision] of [
      ['v1.0.0', 1],
      ['v1.1.0', 2],
      ['v1.2.0', 3],
    ] as const) {
      await service.api('POST', '/api/versions', versionBody(tag, [workflowUpload('intake', revision)]));
    }
    assert.equal((await deploy('v1.0.0')).status, 'succeeded');
    await service.api('PUT', '/api/environments/development', {
      verification: {
        prometheusUrl: prometheus.url,
        windowSeconds: 14,
        intervalSeconds: 2,
        metrics: [{ name: 'failure-ratio', query: `max(forge_test_failure_ratio{${metrics.selector}, environment="{{environment}}"})`, max: 0.05 }],
        onFailure: 'rollback',
      },
    });
    session = await startSession({
      copyFrom: join(repositoryRoot, 'examples', 'claims-repo'),
      vsix: [locateVsix()],
      settings: themeSettings,
      files: { '.vscode/settings.json': JSON.stringify({ 'forge.serverUrl': service.url }) },
    });
    await workbench().openActivity('Forge Releases');
    await workbench().waitForView('Environments');
    await signInFromPalette(workbench(), service.url, service.adminToken, 'admin');
    await workbench().resizeSideBar(560);
  });

  afterEach(async function () {
    await reportFailedTest(this.currentTest, session, shots);
  });

  after(async () => {
    await session?.stop();
    await service?.stop();
    metrics?.clear();
    stopTestPrometheus();
  });

  it('counts the window down in the Environments tree, then shows it passed, with the checks in the tooltip', async () => {
    await deploy('v1.1.0');
    const verifying = await rowText('development', /^development v1\.1\.0 · verifying \(\d+ s left\)$/);
    const left = Number(/\((\d+) s left\)/.exec(verifying)?.[1]);
    assert.ok(left > 0 && left <= 14, verifying);
    await screenshotInBothThemes(session, shots, '01-verifying');
    await rowText('development', /^development v1\.1\.0 · verification passed$/, 40_000);
    const tooltip = await tooltipOf('development', 'Verification:');
    assert.match(tooltip, /Verification: verification passed, 7 checks — every check \(7\) was within its bounds/);
    assert.match(tooltip, /✓ failure-ratio 0\.01 \(max 0\.05\)/);
    await workbench().page.mouse.move(0, 0);
  });

  it('rolls development back when the metric breaches, and the release details show every sample', async () => {
    await setRatio(0.3);
    await deploy('v1.2.0');
    await rowText('development', /^development v1\.1\.0 · rolled back: verification failed$/, 30_000);
    await workbench().treeRow('Environments', 'development').click();
    const failedRow = await rowText('v1.2.0', /^v1\.2\.0 deploy · admin · .+ · succeeded · verification failed$/, 30_000);
    assert.ok(failedRow);
    const tooltip = await tooltipOf('v1.2.0', 'Verification:');
    assert.match(tooltip, /Verification: verification failed, 1 check — failure-ratio was 0\.3, above its max 0\.05/);
    assert.match(tooltip, /✗ failure-ratio 0\.3 \(max 0\.05\)/);
    await workbench().page.mouse.move(0, 0);
    await screenshotInBothThemes(session, shots, '02-rolled-back');

    await workbench().treeRow('Environments', 'v1.2.0').click();
    const panel = workbench().webviewFrame();
    const state = panel.locator('#verification-state[data-state="failed"]');
    await state.waitFor({ timeout: 60_000 });
    assert.equal((await state.innerText()).trim(), 'Verification failed: failure-ratio was 0.3, above its max 0.05');
    const samples = await panel
      .locator('#verification-samples tbody tr')
      .evaluateAll((rows) => rows.map((row) => [row.getAttribute('data-metric'), row.getAttribute('data-verdict'), row.querySelector('.sample-value')?.textContent]));
    assert.deepEqual(samples, [['failure-ratio', 'breach', '0.3']]);
    assert.match(await panel.locator('#verification').innerText(), /Checked every 2 s from .+; on a breach: roll back to the previous version\./);
    await panel.locator('#verification').scrollIntoViewIfNeeded();
    await screenshotInBothThemes(session, shots, '03-release-details-verification');

    await panel.locator('#open-rollback').click();
    await workbench().activateTab('v1.1.0 → development');
    const rollback = workbench().webviewFrame();
    await rollback.locator('#release-status', { hasText: 'succeeded' }).waitFor({ timeout: 60_000 });
    assert.match(await rollback.locator('#release-requester').innerText(), /system/);
    assert.equal(await rollback.locator('#verification').count(), 0, 'a rollback opens no window of its own');
  });

  it('logged no Content Security Policy violation', () => {
    assert.deepEqual(workbench().cspViolations(), []);
  });
});
