import * as vscode from 'vscode';
import type { z as zc } from 'zod';
import type * as zm from 'zod/mini';
import type { ForgeEvent } from '../../core/api/event';
import { describeIssues, type CommonFromWebview } from '../../webviews/shared/messages';
import type { ForgeLog } from '../logging';
import type { ForgeSession } from '../session/forgeSession';
import type { ReleaseUpdates } from '../session/releaseUpdates';
import { runPanelAction } from './panelActions';
import { panelHtml, panelOptions } from './panelHtml';

/** What every panel needs from the rest of the extension. */
export interface PanelDeps {
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

/** How one kind of panel talks to its webview. */
export interface PanelProtocol<State, Out, In> {
  /** The bundle under dist/webviews (`<bundle>.js`, `<bundle>.css`). */
  bundle: string;
  /** Extension → webview, checked in full before posting (the webview only checks the envelope). */
  toWebview: zc.ZodType<{ type: 'state'; state: State } | Out>;
  /** Webview → extension, every message parsed before anything acts on it. */
  fromWebview: zm.ZodMiniType<In | CommonFromWebview>;
}

// Bursts of events (a decision fires approval.updated and release.updated) are read once.
const refreshDelayMs = 150;

/**
 * One webview panel of the extension: posts its state only after the webview's `ready`, re-reads it when the
 * service reports a change that concerns it (or the session changes), and refuses every message that fails
 * the protocol. Subclasses say what they load, which events concern them and what their own messages do.
 */
export abstract class ForgePanel<State, Out = never, In = never> implements vscode.Disposable {
  protected readonly disposables: vscode.Disposable[] = [];
  private readonly stateDelivered = new vscode.EventEmitter<State>();
  private readonly messageRejected = new vscode.EventEmitter<RejectedMessage>();
  private readonly disposed = new vscode.EventEmitter<void>();
  private ready = false;
  private isDisposed = false;
  private refreshTimer: NodeJS.Timeout | undefined;
  private loading: Promise<void> | undefined;
  private reloadRequested = false;
  private delivered: State | undefined;

  /** Fires each time the webview has been sent a fresh state (the first time right after the handshake). */
  readonly onDidDeliverState = this.stateDelivered.event;
  /** Fires when either side refuses a message that fails the schema. */
  readonly onDidRejectMessage = this.messageRejected.event;
  readonly onDidDispose = this.disposed.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    protected readonly deps: PanelDeps,
    private readonly protocol: PanelProtocol<State, Out, In>,
    pageData: Record<string, string> = {},
  ) {
    panel.webview.options = panelOptions(deps.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'extension', 'media', 'forge.svg');
    panel.webview.html = panelHtml(panel.webview, deps.extensionUri, protocol.bundle, panel.title, pageData);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => {
        this.receive(message).catch((error: unknown) => this.deps.log.error(`the ${panel.title} panel failed to handle a message`, error));
      }),
      panel.onDidDispose(() => this.dispose()),
      deps.updates.onDidUpdate((event) => {
        if (!event || this.concerns(event)) this.scheduleRefresh();
      }),
      deps.session.onDidChange(() => this.scheduleRefresh()),
      this.stateDelivered,
      this.messageRejected,
    );
  }

  /** The state the webview was last sent, if the handshake has happened. */
  get deliveredState(): State | undefined {
    return this.delivered;
  }

  /** Handles one message from the webview; resolves false when it failed the schema and was refused. */
  async receive(raw: unknown): Promise<boolean> {
    const parsed = this.protocol.fromWebview.safeParse(raw);
    if (!parsed.success) {
      this.rejected('extension', describeIssues(parsed.error));
      return false;
    }
    const message = parsed.data;
    if (isCommon(message)) await this.handleCommon(message);
    else await this.handle(message);
    return true;
  }

  /** Re-reads the state and sends it to the webview (once it is ready). */
  async refresh(): Promise<void> {
    if (this.loading) {
      this.reloadRequested = true;
      return this.loading;
    }
    this.loading = this.deliver().finally(() => {
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

  /** Reads what the panel shows now. */
  protected abstract load(): Promise<State>;

  /** Whether a live event from the service may change what the panel shows. */
  protected abstract concerns(event: ForgeEvent): boolean;

  /** The panel's own messages (beyond ready, refresh, showLogs, refusals and actions). */
  protected handle(_message: In): Promise<void> {
    return Promise.resolve();
  }

  /** Called with each state just loaded, before it is posted (e.g. to set the title). */
  protected loaded(_state: State): void {}

  /** Posts one message, checked against the protocol first; false once the panel is gone. */
  protected async post(message: { type: 'state'; state: State } | Out): Promise<boolean> {
    if (this.isDisposed) return false;
    return this.panel.webview.postMessage(this.protocol.toWebview.parse(message));
  }

  protected scheduleRefresh(): void {
    if (this.isDisposed) return;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.refresh().catch((error: unknown) => this.deps.log.error(`refreshing the ${this.panel.title} panel failed`, error));
    }, refreshDelayMs);
  }

  private async handleCommon(message: CommonFromWebview): Promise<void> {
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
      case 'action':
        await runPanelAction(message.action);
    }
  }

  private async deliver(): Promise<void> {
    const state = await this.load();
    if (this.isDisposed) return;
    this.loaded(state);
    // Before the handshake the webview may not be listening yet: the state waits for `ready`.
    if (!this.ready) return;
    if (!(await this.post({ type: 'state', state }))) return;
    this.delivered = state;
    this.stateDelivered.fire(state);
  }

  private rejected(side: RejectedMessage['side'], reason: string): void {
    this.deps.log.warn(`${this.panel.title} panel: the ${side} refused a message (${reason})`);
    this.messageRejected.fire({ side, reason });
  }
}

const commonTypes = new Set(['ready', 'refresh', 'showLogs', 'rejectedMessage', 'action']);

function isCommon(message: unknown): message is CommonFromWebview {
  return typeof message === 'object' && message !== null && commonTypes.has((message as { type?: string }).type ?? '');
}
