import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { reportFailedTest } from '../harness/failureReport';
import { type Session, startSession } from '../harness/session';
import { screenshotInBothThemes, themeSettings } from '../harness/themes';
import { locateVsix, outputDir, repositoryRoot } from '../harness/vscodeWeb';

/** The workflow the journey starts with: the route node depends on a misspelled "clasify". */
export const brokenWorkflow = 'workflows/claims-intake.json';

/**
 * A workbench on a git repository of examples/claims-repo whose history holds the classic typo (the route node
 * depends on "clasify"), in the dark theme; `files` adds e.g. the folder's settings.
 */
export async function startJourneySession(files: Record<string, string> = {}): Promise<Session> {
  const claimsRepo = join(repositoryRoot, 'examples', 'claims-repo');
  const original = readFileSync(join(claimsRepo, brokenWorkflow), 'utf8');
  const broken = original.replace('"dependencies": ["classify"]', '"dependencies": ["clasify"]');
  if (broken === original) throw new Error('the example changed: pick another dependency to break');
  const session = await startSession({ copyFrom: claimsRepo, vsix: [locateVsix()], settings: themeSettings, files: { [brokenWorkflow]: broken, ...files } });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: session.sandbox.workspace });
  git('init', '--quiet', '--initial-branch=main');
  git('config', 'user.name', 'Erin Example');
  git('config', 'user.email', 'erin@example.invalid');
  git('add', '.');
  git('commit', '--quiet', '-m', 'Claims workflows');
  await session.workbench.openActivity('Forge Releases');
  await session.workbench.waitForView('Environments');
  return session;
}

/** Who signs in during the journey: the admin, then each reviewer with the token the admin created in VS Code. */
export interface Reviewer {
  name: string;
  token: string;
}

/** What differs between the embedded default and a separately started service. */
export interface JourneySetup {
  /** Names screenshots: test-output/e2e/journey-<label>/. */
  label: string;
  session: () => Session;
  /** Signs in as the admin (reviewer undefined) or as a reviewer, the way a user of this setup does. */
  signIn(reviewer?: Reviewer): Promise<void>;
  /** Also reload the window once the release is deployed: the release details panel must come back. */
  reloadAfterDeploy?: boolean;
  /** The service's URL and an admin's token, as the admin finds them, to configure production over the API. */
  adminAccess(): Promise<{ url: string; token: string }>;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The whole release journey from the editor, as mocha steps: fix a broken workflow with the quick fix → create a
 * version → deploy to development → promote to staging → add two reviewers → production requires the routing
 * evaluation → report smoke-tests and the evaluation → request production → two reviewers approve in the panel
 * (the first reads the evaluation table) → open the release details → roll back from the pipeline → filter the
 * audit log → export a report. Each step asserts what the user sees and saves screenshots in a dark
 * and a light theme.
 */
export function releaseJourney(setup: JourneySetup): void {
  const shots = outputDir('e2e', `journey-${setup.label}`);
  const reviewers: Reviewer[] = [];
  let step = 0;
  const session = (): Session => setup.session();
  const workbench = () => session().workbench;
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: session().sandbox.workspace, encoding: 'utf8' });
  const shoot = async (name: string): Promise<void> => {
    step += 1;
    await workbench().page.mouse.move(0, 0);
    await screenshotInBothThemes(session(), shots, `${String(step).padStart(2, '0')}-${name}`);
  };
  const frame = (): FrameLocator => workbench().webviewFrame();
  const cell = (version: string, environment: string) => frame().locator(`td.cell[data-version="${version}"][data-environment="${environment}"]`);
  const cellAction = (version: string, environment: string, action: string) => cell(version, environment).locator(`vscode-button[data-action="${action}"]`);
  const waitForCell = async (version: string, environment: string, state: string, timeoutMs = 60_000): Promise<void> => {
    await frame().locator(`td.cell[data-version="${version}"][data-environment="${environment}"][data-state="${state}"]`).waitFor({ timeout: timeoutMs });
  };
  const showPipeline = async (): Promise<void> => {
    await workbench().runCommand('Forge: Show Release Pipeline');
    await frame().locator('.toolbar h1', { hasText: 'Release Pipeline' }).waitFor({ timeout: 60_000 });
  };
  const clearNotifications = async (): Promise<void> => {
    await workbench().runCommand('Notifications: Clear All Notifications');
  };
  const signOut = async (): Promise<void> => {
    await workbench().runCommand('Forge: Sign Out');
    await workbench().page.locator('.statusbar-item', { hasText: 'Forge: sign in' }).first().waitFor({ timeout: 30_000 });
  };

  afterEach(async function () {
    await reportFailedTest(this.currentTest, setup.session(), shots);
  });

  it('fixes the broken workflow with the quick fix', async () => {
    const { sandbox } = session();
    const text = readFileSync(join(sandbox.workspace, brokenWorkflow), 'utf8');
    const at = text.indexOf('"clasify"');
    const line = text.slice(0, at).split('\n').length;
    const column = at - text.lastIndexOf('\n', at - 1) + 1;
    await workbench().openFile(brokenWorkflow);
    await workbench().waitForProblems((rows) => rows.some((row) => row.label.includes('dependency "clasify" names no node of this plan')), 60_000);
    await workbench().goTo(line, column + 2);
    await workbench().applyQuickFix('Change to "classify"');
    await workbench().waitForProblems((rows) => !rows.some((row) => /generated by forge/.test(row.label)));
    await workbench().page.keyboard.press('Control+S');
    await waitUntil(() => readFileSync(join(sandbox.workspace, brokenWorkflow), 'utf8').includes('"dependencies": ["classify"]'), 'the fixed workflow was not saved');
    await shoot('quick-fix-applied');
    // The panels that follow need the room of the Problems panel.
    await workbench().page.keyboard.press('Control+J');
    await workbench().page.locator('.part.panel').waitFor({ state: 'hidden' });
  });

  it('the empty pipeline offers Create Version, which first warns about the uncommitted fix and the errors at HEAD', async () => {
    await showPipeline();
    assert.match(await frame().locator('#empty').innerText(), /No version is registered yet/);
    await shoot('pipeline-empty');
    await frame().locator('#empty-create-version').click();
    const warning = await workbench().dialogText();
    assert.match(warning, /Create a version of HEAD anyway\?/);
    assert.match(warning, /Uncommitted changes the version will not contain: workflows\/claims-intake\.json/);
    assert.match(warning, /Validation errors at HEAD .* the validation gate will refuse to deploy this version/);
    await workbench().screenshot(shots, `${String(++step).padStart(2, '0')}-create-version-warning-dark`);
    await workbench().clickDialogButton('Cancel');
  });

  it('creates the first version once the fix is committed', async () => {
    git('commit', '--quiet', '-am', 'Fix the route dependency');
    await frame().locator('#empty-create-version').click();
    const first = workbench().page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first();
    await first.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match((await first.innerText()).replace(/\s+/g, ' '), /^v1\.0\.0 ?first version — nothing to compare against/);
    await workbench().pickQuickItem('v1.0.0');
    await workbench().answerInput('Claims workflows, first release', 20_000, 'Create Version v1.0.0');
    await workbench().page.locator('.notifications-toasts .notification-list-item', { hasText: 'v1.0.0 created and registered' }).waitFor({ timeout: 60_000 });
    assert.equal(git('tag', '--list').trim(), 'v1.0.0');
    await waitForCell('v1.0.0', 'development', 'none');
    assert.deepEqual(await cell('v1.0.0', 'development').locator('vscode-button').allInnerTexts(), ['Deploy']);
    assert.deepEqual(await cell('v1.0.0', 'staging').locator('vscode-button').count(), 0, 'staging offers nothing before development ran it');
    await shoot('version-created');
    await clearNotifications();
  });

  it('deploys to development from the pipeline without a dialog', async () => {
    await cellAction('v1.0.0', 'development', 'deploy').click();
    await waitForCell('v1.0.0', 'development', 'active');
    // The tree re-reads on the same event as the pipeline, but may draw a moment later.
    await waitUntilAsync(
      async () => /^development v1\.0\.0/.test(await workbench().treeRowText('Environments', 'development')),
      'the development row never showed v1.0.0',
    );
    await waitUntilAsync(async () => (await cellAction('v1.0.0', 'staging', 'promote').count()) === 1, 'staging never offered Promote');
    await shoot('deployed-to-development');
  });

  it('promotes to staging from the pipeline', async () => {
    await cellAction('v1.0.0', 'staging', 'promote').click();
    await waitForCell('v1.0.0', 'staging', 'active');
    // Production asks for what it needs instead of offering a promotion its gates refuse.
    await waitUntilAsync(async () => (await cellAction('v1.0.0', 'production', 'reportCheck').count()) === 1, 'production never offered Report Check');
    assert.match(await cell('v1.0.0', 'production').innerText(), /not reported: smoke-tests/);
    assert.equal(await cellAction('v1.0.0', 'production', 'promote').count(), 0, 'a promotion the required-checks gate refuses is not offered');
    assert.match(await frame().locator('th[data-environment="production"]').innerText(), /2 approvals from role:maintainer or role:admin/);
    await shoot('promoted-to-staging');
  });

  it('adds two reviewers from the Team view, each with a token shown once', async () => {
    await workbench().treeItems('Team', 4);
    assert.match(await workbench().treeRowText('Team', 'production'), /^production 2 approvals · 24 h · only 0 other reviewers$/);
    for (const name of ['rita', 'sam']) {
      await workbench().treeContextMenu('Team', 'production', 'Add Reviewer…');
      await workbench().pickQuickItem('New user…');
      await workbench().answerInput(name, 20_000, 'Add User — name');
      await workbench().pickQuickItem('maintainer');
      const dialog = await workbench().dialogText();
      const token = /forge_[A-Za-z0-9_-]{20,}/.exec(dialog)?.[0];
      assert.ok(token, `no token in the dialog: ${dialog}`);
      assert.match(dialog, new RegExp(`This is the only time the token is shown: copy it now and give it to ${name}`));
      if (name === 'rita') await workbench().screenshot(shots, `${String(++step).padStart(2, '0')}-token-shown-once-dark`);
      await workbench().clickDialogButton('Copy Token');
      reviewers.push({ name, token });
    }
    await waitUntilAsync(
      async () => /production 2 approvals · 24 h$/.test(await workbench().treeRowText('Team', 'production')),
      'the production reviewers row never counted two reviewers',
    );
    assert.match(await workbench().treeRowText('Team', 'maintainers (role)'), /rita, sam/);
    await shoot('team-reviewers');
  });

  it("the admin makes production require the repository's claims-routing evaluation", async () => {
    const { url, token } = await setup.adminAccess();
    const gate = JSON.parse(readFileSync(join(session().sandbox.workspace, 'evaluations/claims-routing/gate.json'), 'utf8'));
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const production = (await (await fetch(`${url}/api/environments/production`, { headers })).json()) as { gates: Record<string, unknown> };
    const configured = await fetch(`${url}/api/environments/production`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ gates: { ...production.gates, evaluation: [gate] } }),
    });
    assert.equal(configured.status, 200, await configured.text());
    await workbench().activateTab('Release Pipeline');
    await waitUntilAsync(
      async () => /evaluation: claims-routing/.test(await frame().locator('th[data-environment="production"]').innerText()),
      'the production column never named the evaluation it requires',
    );
  });

  it('reports smoke-tests from the pipeline; production then asks for the evaluation', async () => {
    await cellAction('v1.0.0', 'production', 'reportCheck').click();
    await workbench().pickQuickItem('smoke-tests');
    await workbench().pickQuickItem('success');
    await workbench().answerInput('42 of 42 claims routed', 20_000, 'smoke-tests success for v1.0.0');
    await waitUntilAsync(
      async () => (await cellAction('v1.0.0', 'production', 'reportEvaluation').count()) === 1,
      'production never offered Report Evaluation after the check',
    );
    assert.match(await cell('v1.0.0', 'production').innerText(), /claims-routing not reported for v1\.0\.0/);
    assert.equal(await cellAction('v1.0.0', 'production', 'promote').count(), 0, 'a promotion the evaluation gate refuses is not offered');
    await shoot('check-reported');
  });

  it('runs the routing evaluation locally and reports it from the pipeline, which then offers the production promotion', async () => {
    const result = JSON.parse(execFileSync('node', ['evaluations/claims-routing/evaluate.mjs'], { cwd: session().sandbox.workspace, encoding: 'utf8' })) as {
      metrics: Record<string, number>;
    };
    assert.deepEqual(Object.keys(result.metrics), ['accuracy', 'misrouted']);
    await cellAction('v1.0.0', 'production', 'reportEvaluation').click();
    await workbench().pickQuickItem('claims-routing');
    await workbench().answerInput(
      Object.entries(result.metrics)
        .map(([name, value]) => `${name}=${value}`)
        .join(' '),
      20_000,
      'claims-routing for v1.0.0 — metrics',
    );
    await waitUntilAsync(async () => (await cellAction('v1.0.0', 'production', 'promote').count()) === 1, 'production never offered Promote after the evaluation');
    assert.equal(await cellAction('v1.0.0', 'production', 'promote').innerText(), 'Promote (needs approval)');
    await shoot('evaluation-reported');
  });

  it('requests production: the confirmation shows the gates, and the release waits for two approvals', async () => {
    await cellAction('v1.0.0', 'production', 'promote').click();
    const confirmation = await workbench().dialogText();
    assert.match(confirmation, /Promote v1\.0\.0 from staging to production\? It then waits for reviewers\./);
    assert.match(confirmation, /✓ required-checks: all required checks passed: smoke-tests/);
    assert.match(
      confirmation,
      /✓ evaluation: 2 metrics within bounds \(nothing active in production to compare against\): claims-routing accuracy 0\.95, claims-routing misrouted 2/,
    );
    assert.match(confirmation, /… approvals:/);
    assert.doesNotMatch(confirmation, /Anyway/);
    await workbench().screenshot(shots, `${String(++step).padStart(2, '0')}-production-confirmation-dark`);
    await workbench().clickDialogButton('Request Approval');
    await workbench()
      .page.locator('.notifications-toasts .notification-list-item', { hasText: /v1\.0\.0 → production waits for 2 approvals/ })
      .waitFor({ timeout: 60_000 });
    await waitForCell('v1.0.0', 'production', 'waiting');
    assert.match(await cell('v1.0.0', 'production').innerText(), /0 of 2 approvals/);
    assert.deepEqual(await workbench().treeItems('Approvals', 1), ['v1.0.0 → production']);
    assert.equal(await workbench().activityBadge('Forge Releases'), '', 'the requester has nothing to decide');
    await shoot('production-waiting');
    await clearNotifications();
  });

  for (const [index, name] of ['rita', 'sam'].entries()) {
    it(`${name} signs in and approves in the release panel${index === 1 ? '; the panel follows the release until it is deployed' : ''}`, async () => {
      const reviewer = reviewers.find((candidate) => candidate.name === name);
      assert.ok(reviewer, `no token for ${name}`);
      await signOut();
      await setup.signIn(reviewer);
      await waitUntilAsync(async () => (await workbench().activityBadge('Forge Releases')) === '1', `the badge never showed 1 release waiting for ${name}`);
      if (index === 0) await workbench().treeRow('Approvals', 'v1.0.0 → production').click();
      else await workbench().activateTab('v1.0.0 → production');
      const panel = frame();
      await panel.locator('#release-version').waitFor({ timeout: 60_000 });
      await panel.locator('#decision-explanation').waitFor({ state: 'hidden', timeout: 30_000 });
      if (index === 0) {
        // The reviewer weighs the evaluation table before deciding.
        const accuracy = panel.locator('#evaluation-table tbody tr[data-metric="accuracy"]');
        await accuracy.waitFor({ timeout: 30_000 });
        assert.match((await accuracy.innerText()).replace(/\s+/g, ' '), /^claims-routing · accuracy 0\.95 — — ≥ 0\.9, drop ≤ 0\.02 passed$/);
        assert.match(
          (await panel.locator('#evaluation-table tbody tr[data-metric="misrouted"]').innerText()).replace(/\s+/g, ' '),
          /^claims-routing · misrouted 2 — — ≤ 4 passed$/,
        );
        assert.deepEqual(await panel.locator('#evaluation-table thead th').allInnerTexts(), ['Metric', 'Candidate', 'Active', 'Delta', 'Bound', 'Verdict']);
        await panel.locator('#evaluation').scrollIntoViewIfNeeded();
        await shoot('evaluation-table');
      }
      await panel.locator('#comment textarea').fill(index === 0 ? 'Diff and smoke tests reviewed' : 'Ship it');
      await panel.locator('#approve').click();
      await panel.locator('#decision-outcome', { hasText: 'Your approval was recorded' }).waitFor({ timeout: 30_000 });
      if (index === 0) {
        await panel.locator('#approval-progress', { hasText: /^1 of 2 approvals/ }).waitFor({ timeout: 30_000 });
        await panel.locator('#gates li[data-gate="approvals"]', { hasText: '1 of 2 approvals so far' }).waitFor();
        assert.match(await panel.locator('#approvals').innerText(), /rita\s+approved[\s\S]*Diff and smoke tests reviewed/);
        await waitUntilAsync(async () => (await workbench().activityBadge('Forge Releases')) === '', 'the badge still counted a release rita decided on', 10_000);
        await shoot('first-approval');
      } else {
        // No refresh clicked: the service's events bring the approval, the deploy and its end to the panel.
        await panel.locator('#release-status', { hasText: 'succeeded' }).waitFor({ timeout: 90_000 });
        await panel.locator('#gates li.gate-passed[data-gate="approvals"]', { hasText: 'approved: 2 of 2 approvals' }).waitFor({ timeout: 30_000 });
        assert.match(await panel.locator('#decision-explanation').innerText(), /no longer waiting for approval: it was approved/);
        await shoot('second-approval-deployed');
      }
    });
  }

  it('the release details show the timeline, gates, approvals with comments, the diff and the audit events', async () => {
    await signOut();
    await setup.signIn();
    const panel = frame();
    await panel.locator('#audit-table').waitFor({ timeout: 60_000 });
    await panel.locator('#decision').waitFor({ state: 'hidden', timeout: 30_000 });
    const steps = await panel
      .locator('.timeline li')
      .evaluateAll((items) => items.map((item) => `${item.getAttribute('data-step')}:${item.className.replace('step step-', '')}`));
    assert.deepEqual(steps, ['requested:done', 'gates:done', 'approvals:done', 'deploying:done', 'gateways:skipped', 'active:done']);
    assert.match(
      await panel.locator('#approvals').innerText(),
      /2 of 2 approvals[\s\S]*rita\s+approved[\s\S]*Diff and smoke tests reviewed[\s\S]*sam\s+approved[\s\S]*Ship it/,
    );
    assert.match(await panel.locator('#diff-summary').innerText(), /v1\.0\.0 is the first version: nothing to compare against/);
    assert.match(await panel.locator('#evaluation-summary').innerText(), /v1\.0\.0: nothing active in production to compare against · when it was requested/);
    assert.match(
      await panel.locator('#approvals').innerText(),
      /given on content [0-9a-f]{12} · gates: validation ✓, promotion-order ✓, required-checks ✓, semver-policy ✓, evaluation ✓ \(5 of 5 passed\)/,
    );
    const audit = await panel.locator('#audit-table tbody tr').allInnerTexts();
    for (const pattern of [
      /rita\s+approval\.granted[\s\S]*Diff and smoke tests reviewed/,
      /sam\s+approval\.granted[\s\S]*Ship it/,
      /deployment\.completed\s+succeeded/,
    ]) {
      assert.ok(
        audit.some((row) => pattern.test(row)),
        `no audit row like ${pattern}:\n${audit.join('\n')}`,
      );
    }
    assert.doesNotMatch(await panel.locator('#release-header').innerText(), /\d{4}-\d{2}-\d{2}T\d{2}/, 'times are human, not ISO strings');
    await shoot('release-details');
    await panel.locator('#audit').scrollIntoViewIfNeeded();
    await shoot('release-details-audit-trail');
    if (setup.reloadAfterDeploy) {
      await workbench().page.reload();
      await workbench().page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await frame().locator('#release-status', { hasText: 'succeeded' }).waitFor({ timeout: 90_000 });
      assert.equal(await frame().locator('#release-version').innerText(), 'v1.0.0');
    }
  });

  it('rolls development back from the pipeline after a pre-release tag went there', async () => {
    const { sandbox } = session();
    const file = join(sandbox.workspace, brokenWorkflow);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"description": "', '"description": "Reviewed. '));
    git('commit', '--quiet', '-am', 'Reword the intake description');
    await workbench().runCommand('Forge: Create Version');
    await workbench().page.locator('.quick-input-widget .quick-input-box input').fill('v1.0.1-rc.1');
    const typed = workbench()
      .page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: /^\s*v1\.0\.1-rc\.1/ })
      .first();
    await typed.waitFor({ state: 'visible' });
    assert.match((await typed.innerText()).replace(/\s+/g, ' '), /v1\.0\.1-rc\.1 ?your tag — patch after v1\.0\.0/);
    await typed.click();
    await workbench().answerInput('Release candidate with the reworded intake', 20_000, 'Create Version v1.0.1-rc.1');
    await workbench().page.locator('.notifications-toasts .notification-list-item', { hasText: 'v1.0.1-rc.1 created and registered' }).waitFor({ timeout: 60_000 });
    await clearNotifications();
    await showPipeline();
    await cellAction('v1.0.1-rc.1', 'development', 'deploy').click();
    await waitForCell('v1.0.1-rc.1', 'development', 'active');
    const rollback = frame().locator('th[data-environment="development"] vscode-button[data-action="rollback-environment"]');
    await rollback.waitFor({ timeout: 30_000 });
    assert.equal(await rollback.innerText(), 'Roll back to v1.0.0');
    await rollback.click();
    await workbench().answerInput('The reworded description confuses the triage agent', 20_000, 'Roll back development to v1.0.0');
    await waitForCell('v1.0.0', 'development', 'active');
    await waitForCell('v1.0.1-rc.1', 'development', 'previous');
    assert.match(await cell('v1.0.0', 'development').innerText(), /rolled back here by admin/);
    await shoot('rolled-back');
  });

  it('filters the audit log in place, under the hash chain verdict', async () => {
    await frame().locator('#audit-log').click();
    await workbench().activateTab('Audit Log');
    const audit = frame();
    await audit.locator('#chain', { hasText: /Hash chain intact: all \d+ events verified/ }).waitFor({ timeout: 60_000 });
    await chooseOption(audit, '#filter-action', 'Approvals');
    await waitUntilAsync(async () => {
      const actions = await audit.locator('#audit-table tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action') ?? ''));
      return actions.length > 0 && actions.every((action) => action.startsWith('approval.'));
    }, 'the action filter never left only approval events');
    await chooseOption(audit, '#filter-actor', 'rita');
    await waitUntilAsync(async () => (await audit.locator('#audit-table tbody tr').count()) === 1, 'the actor filter never left one event');
    assert.match(
      await audit.locator('#audit-table tbody tr').innerText(),
      /rita\s+approval\.granted\s+production\s+v1\.0\.0\s+waiting\s+Diff and smoke tests reviewed — 1 of 2/,
    );
    await shoot('audit-filtered');
  });

  it('exports the audit log as CSV and a deployment report from the audit panel', async () => {
    const { sandbox } = session();
    const audit = frame();
    await audit.locator('#export-csv').click();
    await workbench().answerSaveDialog('Export the audit log as CSV', join(sandbox.workspace, 'audit-rita.csv'));
    await waitUntil(() => existsSync(join(sandbox.workspace, 'audit-rita.csv')), 'the audit CSV was not written');
    const csv = readFileSync(join(sandbox.workspace, 'audit-rita.csv'), 'utf8').trimEnd().split('\r\n');
    assert.equal(csv[0], 'id,seq,at,actor,action,environment,version,releaseId,outcome,details,prevHash,hash');
    assert.equal(csv.length, 2, csv.join('\n'));
    assert.match(csv[1]!, /,rita,approval\.granted,production,v1\.0\.0,/);
    await clearNotifications();
    await audit.locator('#export-report').click();
    await workbench().pickQuickItem('deployments');
    await workbench().pickQuickItem('Last 7 days');
    await workbench().pickQuickItem('production');
    await workbench().pickQuickItem('Markdown');
    const report = join(sandbox.workspace, 'deployments-production.md');
    await workbench().answerSaveDialog('Save the compliance report', report);
    await workbench().clickNotificationButton(/deployments report saved/, 'Open');
    await workbench().page.locator('.tabs-container .tab.active[data-resource-name="deployments-production.md"]').waitFor({ timeout: 30_000 });
    const text = readFileSync(report, 'utf8');
    assert.match(text, /v1\.0\.0/);
    assert.match(text, /production/);
    assert.doesNotMatch(text, /\| development \|/, 'the report holds production only');
    await shoot('report-exported');
  });

  it('logged no Content Security Policy violation', () => {
    assert.deepEqual(workbench().cspViolations(), []);
  });
}

/** Opens a vscode-single-select in a webview and picks the option with this label. */
async function chooseOption(frame: FrameLocator, selector: string, label: string): Promise<void> {
  const select = frame.locator(selector);
  await select.click();
  await select
    .locator('.option', { hasText: new RegExp(`^\\s*${escape(label)}\\s*$`) })
    .first()
    .click();
}

async function waitUntil(condition: () => boolean, message: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function waitUntilAsync(condition: () => Promise<boolean>, message: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await condition()) return;
    } catch {
      // the view may be re-rendering
    }
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
