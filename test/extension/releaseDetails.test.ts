import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Release } from '../../core/api/release';
import type { RejectedMessage } from '../../extension/panels/forgePanel';
import type { ReleaseDetailsPanel } from '../../extension/releaseDetails/releaseDetailsPanel';
import type { ReleaseDetailsState } from '../../webviews/release/protocol';
import { startForgeService, type ForgeService } from '../e2e/harness/forgeService';
import { nextEvent, signIn } from './support/sessionEvents';
import { planNode, workflowText } from './support/workflowText';

const extensionId = 'forge.forge-releases';

describe('release details panel', function () {
  this.timeout(180_000);
  let service: ForgeService;
  let reviewer: { id: string; token: string };
  let developer: { id: string; token: string };
  let releaseId = '';
  let panel: ReleaseDetailsPanel;

  before(async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension);
    // The release service the extension ships, run by the editor's own runtime, in a temp data dir.
    service = await startForgeService({ cli: join(extension.extensionPath, 'dist', 'service.js'), env: { ELECTRON_RUN_AS_NODE: '1' } });
    reviewer = await service.createUser('rita', 'maintainer');
    developer = await service.createUser('devon', 'developer');
    await service.api('PUT', '/api/environments/review', {
      tier: 'staging',
      order: 50,
      gates: { approvals: true },
      approvalPolicy: { reviewers: ['role:maintainer'], required: 1, timeoutMinutes: 60 },
    });
    const content = workflowText('intake', [planNode('start'), planNode('finish', ['start'])]);
    await service.api('POST', '/api/versions', { tag: 'v1.0.0', commit: 'a1b2c3d4', artifacts: [{ kind: 'workflow', path: 'workflows/intake.json', content }] });
    const release = await service.api<Release>('POST', '/api/releases', { version: 'v1.0.0', environment: 'review' });
    assert.equal(release.approval, 'waiting');
    releaseId = release.id;
    await signIn(service, reviewer.token);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('forge.signOut');
    await service?.stop();
  });

  it('opens a panel for a release and sends its state once the webview says it is ready', async () => {
    const opened = await vscode.commands.executeCommand<ReleaseDetailsPanel>('forge.openRelease', releaseId);
    assert.ok(opened, 'the command returned no panel');
    panel = opened;
    assert.equal(panel.panel.viewType, 'forge.releaseDetails');
    assert.equal(panel.releaseId, releaseId);
    const state = panel.deliveredState ?? (await nextEvent(panel.onDidDeliverState, () => true, 'the first state after the ready handshake'));
    assert.equal(state.release?.id, releaseId);
    assert.equal(state.release?.status, 'pending');
    assert.equal(state.approval?.state, 'waiting');
    assert.equal(state.me?.name, 'rita');
    assert.deepEqual(state.decision, { allowed: true, explanation: null, approveBlocked: null });
    assert.equal(state.diff?.version, 'v1.0.0');
    assert.equal(state.diff?.against, null, 'the first version has nothing to compare against');
    assert.equal(state.problem, null);
    assert.equal(panel.panel.title, 'v1.0.0 → review');
    assert.deepEqual(
      state.timeline.map((step) => `${step.id}:${step.state}`),
      ['requested:done', 'gates:done', 'approvals:current', 'deploying:upcoming', 'gateways:upcoming', 'active:upcoming'],
    );
    assert.deepEqual(state.gates, [{ gate: 'approvals', verdict: 'waiting', reason: '0 of 1 approvals so far, from role:maintainer' }]);
    // A maintainer reads the audit trail: the release's own events, oldest first.
    assert.equal(state.audit.unavailable, null);
    assert.deepEqual(
      state.audit.events.map((event) => event.action),
      ['release.requested', 'approval.requested'],
    );
    assert.equal(state.rollbackTo, null);
  });

  it('serves a page with a nonce-only script policy and no inline script or style', () => {
    const html = panel.panel.webview.html;
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1] ?? '';
    assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/, 'a nonce of 16 random bytes');
    const source = panel.panel.webview.cspSource;
    assert.equal(csp, `default-src 'none'; script-src 'nonce-${nonce}'; style-src ${source}; font-src ${source}; img-src ${source}`);
    assert.equal([...html.matchAll(/<script\b[^>]*>/g)].length, 1);
    assert.match(html, new RegExp(`<script nonce="${nonce?.replace(/[+/=]/g, '\\$&')}" src="[^"]+release\\.js"></script>`));
    assert.doesNotMatch(html, /<style|style="/);
  });

  it('opening the same release again reveals its panel', async () => {
    assert.equal(await vscode.commands.executeCommand<ReleaseDetailsPanel>('forge.openRelease', releaseId), panel);
    assert.equal(await vscode.commands.executeCommand<ReleaseDetailsPanel>('forge.openRelease', { releaseId }), panel);
  });

  it('refuses messages from the webview that fail the schema, and acts on none of them', async () => {
    const refusals: RejectedMessage[] = [];
    const subscription = panel.onDidRejectMessage((refusal) => refusals.push(refusal));
    try {
      assert.equal(await panel.receive({ type: 'decide', releaseId, decision: 'maybe' }), false);
      assert.equal(await panel.receive({ type: 'decide', decision: 'approve' }), false);
      assert.equal(await panel.receive({ type: 'deploy', version: 'v1.0.0' }), false);
      assert.equal(await panel.receive('approve'), false);
      assert.equal(await panel.receive({ type: 'action', action: { kind: 'wipe', environment: 'review' } }), false);
      assert.equal(refusals.length, 5);
      assert.ok(refusals.every((refusal) => refusal.side === 'extension'));
      assert.match(refusals[0]!.reason, /decision/);
      assert.match(refusals[1]!.reason, /releaseId/);
    } finally {
      subscription.dispose();
    }
    const release = await service.api<Release>('GET', `/api/releases/${releaseId}`);
    assert.equal(release.approval, 'waiting');
    assert.deepEqual(release.approvals, []);
  });

  it('the webview refuses a state that fails the schema and says so', async () => {
    const refused = nextEvent(panel.onDidRejectMessage, (refusal) => refusal.side === 'webview', 'the webview refusing a malformed state');
    assert.ok(await panel.panel.webview.postMessage({ type: 'state', state: { releaseId, release: 'v9' } }));
    assert.match((await refused).reason, /state\.(me|release|decision|timeline)/);
  });

  it('follows the session: for the requester and for a non-reviewer, deciding is refused with the reason', async () => {
    const asRequester = nextEvent(panel.onDidDeliverState, (state) => state.me?.role === 'admin', 'the state for the requester');
    await signIn(service, service.adminToken);
    const state = await asRequester;
    assert.equal(state.approval?.refusal, 'self_approval');
    assert.deepEqual(state.decision, { allowed: false, explanation: 'You requested this release; someone else must approve it.', approveBlocked: null });
    const asDeveloper = nextEvent(panel.onDidDeliverState, (next) => next.me?.name === 'devon', 'the state for a non-reviewer');
    await signIn(service, developer.token);
    const forDeveloper = await asDeveloper;
    assert.equal(forDeveloper.approval?.refusal, 'not_reviewer');
    assert.deepEqual(forDeveloper.decision, {
      allowed: false,
      explanation: 'Only reviewers of review can decide (role:maintainer); you are signed in as devon (developer).',
      approveBlocked: null,
    });
    const asReviewer = nextEvent(panel.onDidDeliverState, (next) => next.me?.name === 'rita', 'the state for the reviewer again');
    await signIn(service, reviewer.token);
    assert.equal((await asReviewer).decision.allowed, true);
  });

  it('refuses a rejection without a reason before it reaches the service', async () => {
    const outcome = nextEvent(panel.onDidDecide, () => true, 'the outcome of the reasonless rejection');
    assert.equal(await panel.receive({ type: 'decide', releaseId, decision: 'reject', comment: '   ' }), true);
    const result = await outcome;
    assert.deepEqual(result.outcome === 'failed' && result.code, 'reason_required');
    const release = await service.api<Release>('GET', `/api/releases/${releaseId}`);
    assert.equal(release.approval, 'waiting');
  });

  it('records an approval sent from the panel and follows the release live until it is deployed: gates, approvals and timeline update', async () => {
    const deployed = nextEvent(panel.onDidDeliverState, (state: ReleaseDetailsState) => state.release?.status === 'succeeded', 'the release to succeed', 90_000);
    assert.equal(await panel.receive({ type: 'decide', releaseId, decision: 'approve', comment: 'checked the diff' }), true);
    const state = await deployed;
    assert.equal(state.approval?.state, 'approved');
    assert.deepEqual(
      state.release?.approvals.map(({ user, decision, comment }) => [user, decision, comment]),
      [['rita', 'approve', 'checked the diff']],
    );
    assert.equal(state.decision.allowed, false);
    assert.match(state.decision.explanation ?? '', /no longer waiting for approval/);
    assert.deepEqual(state.gates, [{ gate: 'approvals', verdict: 'passed', reason: 'approved: 1 of 1 approvals' }]);
    assert.ok(
      state.timeline.every((step) => step.state === 'done' || (step.id === 'gateways' && step.state === 'skipped')),
      JSON.stringify(state.timeline),
    );
    const actions = state.audit.events.map((event) => event.action);
    for (const action of ['approval.granted', 'deployment.started', 'deployment.completed']) assert.ok(actions.includes(action), actions.join(', '));
    assert.equal(state.audit.events.find((event) => event.action === 'approval.granted')?.note, 'checked the diff — 1 of 1');
  });

  it('shows a refusal from the service instead of recording a decision', async () => {
    const outcome = nextEvent(panel.onDidDecide, () => true, 'the outcome of the refused decision');
    assert.equal(await panel.receive({ type: 'decide', releaseId, decision: 'reject', comment: 'too late' }), true);
    const result = await outcome;
    assert.equal(result.outcome, 'failed');
    assert.equal(result.outcome === 'failed' && result.code, 'approval_closed');
    const release = await service.api<Release>('GET', `/api/releases/${releaseId}`);
    assert.equal(release.approvals.length, 1, 'a decision on a closed approval was recorded');
  });
});
