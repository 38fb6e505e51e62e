import * as vscode from 'vscode';
import type { ForgeEvent } from '../../core/api/event';
import { ForgeApiError } from '../../client/forgeApiError';
import {
  describeIssues, fromWebviewMessageSchema, toWebviewMessageSchema,
  type ApprovalViewState, type DecisionResult, type FromWebviewMessage, type ToWebviewMessage,
} from '../../webviews/approval/messages';
import type { ForgeLog } from '../logging';
import type { ForgeSession } from '../session/forgeSession';
import type { ReleaseUpdates } from '../session/releaseUpdates';
import { approvalPanelHtml, webviewAssetsRoot } from './approvalPanelHtml';
import { loadApprovalView } from './loadApprovalView';

/** The webview panel type; the serializer registered for it brings panels back after a reload. */
export const approvalPanelViewType = 'forge.approvalPanel';

/** What an approval panel needs from the rest of the extension. */
export interface ApprovalPanelDeps {
  extensionUri: vscode.Uri;
  session: ForgeSession;
  updates: Pick<ReleaseUpdates, 'onDidUpdate'>;
  log: ForgeLog;
}

/** A message refused because it failed the protocol's schema: which side refused it and why. */
export interface RejectedMessage {
  side: 'extension' | 'webview';
  reason: string;
}

// Bursts of events (a decision fires approval.updated and release.updated) are read once.
const refreshDelayMs = 150;

/** Panel options: scripts on, and nothing loadable outside dist/webviews (bundle, stylesheet, icon font). */
export function approvalPanelOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return { enableScripts: true, localResourceRoots: [webviewAssetsRoot(extensionUri)] };
}

/**
 * One release's approval panel. Posts the release's state only after the webview's `ready`, re-reads it when
 * the service reports a change to this release (or the session changes), and sends the reviewer's decision.
 * Every message from the webview is parsed with the protocol's schema first; one that fails is refused.
 */
export class ApprovalPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly stateDelivered = new vscode.EventEmitter<ApprovalViewState>();
  private readonly messageRejected = new vscode.EventEmitter<RejectedMessage>();
  private readonly decided = new vscode.EventEmitter<DecisionResult>();
  private readonly disposed = new vscode.EventEmitter<void>();
  private ready = false;
  private isDisposed = false;
  private refreshTimer: NodeJS.Timeout | undefined;
  private loading: Promise<void> | undefined;
  private reloadRequested = false;
  private latest: ApprovalViewState | undefined;
  private delivered: ApprovalViewState | undefined;

  /** Fires each time the webview has been sent a fresh state (the first time right after the handshake). */
  readonly onDidDeliverState = this.stateDelivered.event;
  /** Fires when either side refuses a message that fails the schema. */
  readonly onDidRejectMessage = this.messageRejected.event;
  /** Fires with the outcome of each Approve / Reject: recorded, or the service's refusal. */
  readonly onDidDecide = this.decided.event;
  readonly onDidDispose = this.disposed.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly releaseId: string,
    private readonly deps: ApprovalPanelDeps,
  ) {
    panel.webview.options = approvalPanelOptions(deps.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'extension', 'media', 'forge.svg');
    panel.webview.html = approvalPanelHtml(panel.webview, deps.extensionUri, releaseId);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => {
        this.receive(message).catch((error: unknown) => this.deps.log.error(`the approval panel of ${this.releaseId} failed to handle a message`, error));
      }),
      panel.onDidDispose(() => this.dispose()),
      deps.updates.onDidUpdate((event) => {
        if (this.concerns(event)) this.scheduleRefresh();
      }),
      deps.session.onDidChange(() => this.scheduleRefresh()),
      this.stateDelivered,
      this.messageRejected,
      this.decided,
    );
  }

  /** The state the webview was last sent, if the handshake has happened. */
  get deliveredState(): ApprovalViewState | undefined {
    return this.delivered;
  }

  /** Handles one message from the webview; resolves false when it failed the schema and was refused. */
  async receive(raw: unknown): Promise<boolean> {
    const parsed = fromWebviewMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.rejected('extension', describeIssues(parsed.error));
      return false;
    }
    await this.handle(parsed.data);
    return true;
  }

  /** Re-reads the release and sends it to the webview (once it is ready). */
  async refresh(): Promise<void> {
    if (this.loading) {
      this.reloadRequested = true;
      return this.loading;
    }
    this.loading = this.load().finally(() => {
      this.loading = undefined;
    });
    await this.loading;
    if (this.reloadRequested) {
      this.reloadRequested = false;
      await this.refresh();
    }
  }

  reveal(): void {
    this.panel.reveal();
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.disposed.fire();
    this.disposed.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.panel.dispose();
  }

  private async handle(message: FromWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        return this.refresh();
      case 'refresh':
        return this.refresh();
      case 'showLogs':
        return this.deps.log.show();
      case 'rejectedMessage':
        return this.rejected('webview', message.reason);
      case 'decide':
        if (message.releaseId !== this.releaseId) return this.rejected('extension', `a decision for release ${message.releaseId} reached the panel of ${this.releaseId}`);
        return this.decide(message.decision, message.comment);
    }
  }

  private async decide(decision: 'approve' | 'reject', comment: string | undefined): Promise<void> {
    const what = `${decision === 'approve' ? 'Approving' : 'Rejecting'} ${this.describeRelease()}`;
    let result: DecisionResult;
    try {
      const connection = this.deps.session.require();
      await connection.client.decideApproval(this.releaseId, { decision, ...(comment ? { comment } : {}) });
      this.deps.log.info(`${what}: recorded`);
      result = { outcome: 'recorded', decision };
    } catch (error) {
      const code = error instanceof ForgeApiError ? error.code : 'failed';
      result = { outcome: 'failed', code, message: error instanceof Error ? error.message : String(error) };
      void this.deps.log.reportFailure(`${what} failed`, error);
    }
    await this.post({ type: 'decisionResult', result });
    this.decided.fire(result);
    await this.refresh();
  }

  private async load(): Promise<void> {
    const state = await loadApprovalView(this.deps.session.connection, this.releaseId);
    if (this.isDisposed) return;
    this.latest = state;
    if (state.release) this.panel.title = `${state.release.version} → ${state.release.environment}`;
    if (state.problem) this.deps.log.warn(`approval panel of release ${this.releaseId}: ${state.problem}`);
    // Before the handshake the webview may not be listening yet: the state waits for `ready`.
    if (!this.ready) return;
    if (!(await this.post({ type: 'state', state }))) return;
    this.delivered = state;
    this.stateDelivered.fire(state);
  }

  private async post(message: ToWebviewMessage): Promise<boolean> {
    if (this.isDisposed) return false;
    return this.panel.webview.postMessage(toWebviewMessageSchema.parse(message));
  }

  private concerns(event: ForgeEvent | undefined): boolean {
    if (!event) return true;
    if (event.type === 'release.updated') return event.data.id === this.releaseId;
    if (event.type === 'approval.updated') return event.data.releaseId === this.releaseId;
    return false;
  }

  private scheduleRefresh(): void {
    if (this.isDisposed) return;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.refresh().catch((error: unknown) => this.deps.log.error(`refreshing the approval panel of ${this.releaseId} failed`, error));
    }, refreshDelayMs);
  }

  private rejected(side: RejectedMessage['side'], reason: string): void {
    this.deps.log.warn(`approval panel of release ${this.releaseId}: the ${side} refused a message (${reason})`);
    this.messageRejected.fire({ side, reason });
  }

  private describeRelease(): string {
    const release = this.latest?.release;
    return release ? `${release.version} in ${release.environment}` : `release ${this.releaseId}`;
  }
}
