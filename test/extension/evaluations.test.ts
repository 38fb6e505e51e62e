import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Evaluation } from '../../core/api/evaluation';
import type { Release } from '../../core/api/release';
import type { ForgeExtensionApi } from '../../extension/extensionApi';
import type { ReleaseDetailsPanel } from '../../extension/releaseDetails/releaseDetailsPanel';
import type { ReleaseDetailsState } from '../../webviews/release/protocol';
import { startForgeService, type ForgeService } from '../e2e/harness/forgeService';
import { nextEvent, signIn } from './support/sessionEvents';
import { planNode, workflowText } from './support/workflowText';

const extensionId = 'forge.forge-releases';

/** The panel's state now, if it satisfies the predicate, else the next one delivered that does. */
function nextState(panel: ReleaseDetailsPanel, predicate: (state: ReleaseDetailsState) => boolean, what: string): Promise<ReleaseDetailsState> {
  if (panel.deliveredState && predicate(panel.deliveredState)) return Promise.resolve(panel.deliveredState);
  return nextEvent(panel.onDidDeliverState, predicate, what);
}

describe("evaluations in the editor: Report Evaluation…, the tree tooltip and the release panel's table", function () {
  this.timeout(180_000);
  let api: ForgeExtensionApi;
  let service: ForgeService;
  let reviewer: { id: string; token: string };
  let release: Release;
  let panel: ReleaseDetailsPanel;

  before(async () => {
    const extension = vscode.extensions.getExtension<ForgeExtensionApi>(extensionId);
    assert.ok(extension);
    api = extension.isActive ? extension.exports : await extension.activate();
    service = await startForgeService({ cli: join(extension.extensionPath, 'dist', 'service.js'), env: { ELECTRON_RUN_AS_NODE: '1' } });
    reviewer = await service.createUser('rita', 'maintainer');
    await service.api('PUT', '/api/environments/qa', {
      tier: 'staging',
      order: 60,
      gates: { approvals: true, evaluation: [{ suite: 'claims-routing', metrics: { accuracy: { min: 0.9, maxDrop: 0.02 }, p95_ms: { max: 2000 } } }] },
      approvalPolicy: { reviewers: ['role:maintainer'], required: 1, timeoutMinutes: 60 },
    });
    const content = workflowText('intake', [planNode('start'), planNode('finish', ['start'])]);
    await service.api('POST', '/api/versions', { tag: 'v1.0.0', commit: 'a1b2c3d4', artifacts: [{ kind: 'workflow', path: 'workflows/intake.json', content }] });
    await signIn(service, service.adminToken);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('forge.signOut');
    await service?.stop();
  });

  it('"Forge: Report Evaluation…" records a result the evaluation gate then reads', async () => {
    const stored = await vscode.commands.executeCommand<Evaluation | undefined>('forge.reportEvaluation', {
      version: 'v1.0.0',
      suite: 'claims-routing',
      metrics: { accuracy: 0.94, p95_ms: 1700 },
      summary: 'local run, 200 claims',
    });
    assert.ok(stored, 'the command stored nothing (see the Forge Releases log)');
    assert.deepEqual(
      [stored.version, stored.suite, stored.metrics, stored.reportedBy, stored.latest],
      ['v1.0.0', 'claims-routing', { accuracy: 0.94, p95_ms: 1700 }, 'admin', true],
    );
    release = await service.api<Release>('POST', '/api/releases', { version: 'v1.0.0', environment: 'qa' });
    assert.equal(release.approval, 'waiting', JSON.stringify(release.gates));
    assert.equal(release.gates.find((gate) => gate.gate === 'evaluation')?.passed, true);
    const refused = await vscode.commands.executeCommand('forge.reportEvaluation', { version: 'v9.9.9', suite: 'claims-routing', metrics: { accuracy: 0.9 } });
    assert.equal(refused, undefined, 'a result for an unknown version was stored');
  });

  it("the tooltip of a version's row shows its latest evaluation per suite", async () => {
    const [row] = await api.treeItems('environments', 'qa');
    assert.equal(row?.label, 'v1.0.0 → qa');
    const tooltip = (row?.tooltip as vscode.MarkdownString | undefined)?.value ?? '';
    assert.match(tooltip, /Latest evaluations of v1\.0\.0:/);
    assert.match(tooltip, /\$\(beaker\) claims-routing: accuracy 0\.94 · p95_ms 1700 — admin, /);
    const [approvalRow] = await api.treeItems('approvals');
    assert.match((approvalRow?.tooltip as vscode.MarkdownString | undefined)?.value ?? '', /claims-routing: accuracy 0\.94/);
  });

  it('the release panel shows the evaluation table: metric, candidate, active, delta, bound, verdict', async () => {
    await signIn(service, reviewer.token);
    const opened = await vscode.commands.executeCommand<ReleaseDetailsPanel>('forge.openRelease', release.id);
    assert.ok(opened);
    panel = opened;
    const state = await nextState(panel, (candidate) => candidate.evaluation !== null && candidate.me?.name === 'rita', 'a state with the evaluation table');
    assert.deepEqual(state.evaluation, {
      version: 'v1.0.0',
      activeVersion: null,
      metrics: [
        { suite: 'claims-routing', metric: 'accuracy', candidate: 0.94, active: null, delta: null, bound: '≥ 0.9, drop ≤ 0.02', passed: true, reason: 'within bounds' },
        { suite: 'claims-routing', metric: 'p95_ms', candidate: 1700, active: null, delta: null, bound: '≤ 2000', passed: true, reason: 'within bounds' },
      ],
    });
    assert.deepEqual(state.recheck?.changes, []);
    assert.deepEqual(state.decision, { allowed: true, explanation: null, approveBlocked: null });
    assert.equal(state.gates.find((gate) => gate.gate === 'evaluation')?.verdict, 'passed');
  });

  it('a regression reported while it waits shows in the table at once, and Approve is refused with the reason while Reject stays possible', async () => {
    const regressed = nextState(panel, (state) => state.evaluation?.metrics[0]?.passed === false, 'the table after the regression');
    const stored = await vscode.commands.executeCommand<Evaluation | undefined>('forge.reportEvaluation', {
      version: 'v1.0.0',
      suite: 'claims-routing',
      metrics: { accuracy: 0.85, p95_ms: 1700 },
    });
    assert.ok(stored);
    const state = await regressed;
    assert.deepEqual(
      state.evaluation?.metrics.map((row) => [row.metric, row.candidate, row.passed, row.reason]),
      [
        ['accuracy', 0.85, false, 'accuracy 0.85 is below the minimum 0.9'],
        ['p95_ms', 1700, true, 'within bounds'],
      ],
    );
    assert.deepEqual(
      state.recheck?.changes.map((change) => change.gate),
      ['evaluation'],
    );
    assert.equal(state.gates.find((gate) => gate.gate === 'evaluation')?.verdict, 'failed');
    assert.equal(state.decision.allowed, true);
    assert.match(
      state.decision.approveBlocked ?? '',
      /^The gates changed since this release was requested \(evaluation: claims-routing: accuracy 0\.85 is below the minimum 0\.9\): it can be approved once they pass again/,
    );

    const outcome = new Promise<unknown>((resolve) => {
      const subscription = panel.onDidDecide((result) => {
        subscription.dispose();
        resolve(result);
      });
    });
    assert.equal(await panel.receive({ type: 'decide', releaseId: release.id, decision: 'approve' }), true);
    assert.deepEqual(((await outcome) as { outcome: string; code?: string }).code, 'gates_changed');
    assert.deepEqual((await service.api<Release>('GET', `/api/releases/${release.id}`)).approvals, []);
  });
});
