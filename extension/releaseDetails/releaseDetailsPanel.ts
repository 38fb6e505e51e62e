import * as vscode from 'vscode';
import type { ForgeEvent } from '../../core/api/event';
import { releaseFromWebviewSchema, type ReleaseFromWebview } from '../../webviews/release/messages';
import { releaseToWebviewSchema, type DecisionResult, type ReleaseDetailsState } from '../../webviews/release/protocol';
import { decideRelease } from '../commands/releaseDecision';
import { ForgePanel, type PanelDeps } from '../panels/forgePanel';
import { loadReleaseDetails } from './loadReleaseDetails';

/** The webview panel type; the serializer registered for it brings panels back after a reload. */
export const releaseDetailsViewType = 'forge.releaseDetails';

type DecisionMessage = { type: 'decisionResult'; result: DecisionResult };
type DecideMessage = Extract<ReleaseFromWebview, { type: 'decide' }>;

/**
 * One release's details: its timeline, gates, approvals, diff and audit events, and what the signed-in user may
 * do with it. While the release waits for approval this is where reviewers decide. It follows the service's
 * events for this release, so gates and approvals update as decisions arrive and when the release finishes.
 */
export class ReleaseDetailsPanel extends ForgePanel<ReleaseDetailsState, DecisionMessage, DecideMessage> {
  private readonly decided = new vscode.EventEmitter<DecisionResult>();
  private latest: ReleaseDetailsState | undefined;

  /** Fires with the outcome of each Approve / Reject: recorded, cancelled, or the service's refusal. */
  readonly onDidDecide = this.decided.event;

  constructor(
    panel: vscode.WebviewPanel,
    readonly releaseId: string,
    deps: PanelDeps,
  ) {
    super(panel, deps, { bundle: 'release', toWebview: releaseToWebviewSchema, fromWebview: releaseFromWebviewSchema }, { 'release-id': releaseId });
    this.disposables.push(this.decided);
  }

  protected load(): Promise<ReleaseDetailsState> {
    return loadReleaseDetails(this.deps.session.connection, this.releaseId);
  }

  protected override loaded(state: ReleaseDetailsState): void {
    this.latest = state;
    if (state.release) this.panel.title = `${state.release.version} → ${state.release.environment}`;
    if (state.problem) this.deps.log.warn(`release details of ${this.releaseId}: ${state.problem}`);
  }

  protected concerns(event: ForgeEvent): boolean {
    if (event.type === 'release.updated') return event.data.id === this.releaseId || event.data.environment === this.latest?.release?.environment;
    if (event.type === 'approval.updated') return event.data.releaseId === this.releaseId;
    // A new evaluation result changes the evaluation gate's table of a release that waits.
    if (event.type === 'version.evaluated') return event.data.tag === this.latest?.release?.version && this.latest.release.status === 'pending';
    return false;
  }

  protected override async handle(message: DecideMessage): Promise<void> {
    if (message.releaseId !== this.releaseId) {
      this.deps.log.warn(`a decision for release ${message.releaseId} reached the panel of ${this.releaseId}; ignored`);
      return;
    }
    const release = this.latest?.release;
    let result: DecisionResult;
    try {
      const connection = this.deps.session.require();
      const outcome = await decideRelease(
        connection,
        { releaseId: this.releaseId, version: release?.version ?? this.releaseId, environment: release?.environment ?? '' },
        message.decision,
        message.comment ?? '',
        this.deps.log,
      );
      result =
        outcome.outcome === 'recorded' ? { outcome: 'recorded', decision: message.decision } : outcome.outcome === 'cancelled' ? { outcome: 'cancelled' } : outcome;
    } catch (error) {
      result = { outcome: 'failed', code: 'not_signed_in', message: error instanceof Error ? error.message : String(error) };
    }
    await this.post({ type: 'decisionResult', result });
    this.decided.fire(result);
    await this.refresh();
  }
}
