import * as vscode from 'vscode';
import type { ForgeEvent } from '../../core/api/event';
import type { ForgeLog } from '../logging';
import type { ForgeConnection, ForgeSession } from './forgeSession';

/** How often to refresh while the event stream is down. */
const pollMs = 15_000;
/** First reconnect delay; it doubles up to `maxBackoffMs` while the stream keeps failing. */
const backoffMs = 1_000;
const maxBackoffMs = 30_000;

/**
 * Live changes from the service: follows `GET /api/events` for the current connection, reconnecting with
 * back-off, and polls while the stream is down so views never go stale. `onDidUpdate` carries the event, or
 * `undefined` when anything may have changed (a poll tick, a reconnect) and listeners should re-read.
 */
export class ReleaseUpdates implements vscode.Disposable {
  private readonly updated = new vscode.EventEmitter<ForgeEvent | undefined>();
  private readonly subscription: vscode.Disposable;
  private stream: AbortController | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private live = false;

  readonly onDidUpdate: vscode.Event<ForgeEvent | undefined> = this.updated.event;

  constructor(
    session: ForgeSession,
    private readonly log: ForgeLog,
  ) {
    this.subscription = session.onDidChange((connection) => this.follow(connection));
    this.follow(session.connection);
  }

  /**
   * Tells every view and panel to re-read: for changes the service does not stream (a reported check, a user,
   * an environment's reviewers), made from this window.
   */
  poke(): void {
    this.updated.fire(undefined);
  }

  dispose(): void {
    this.stop();
    this.subscription.dispose();
    this.updated.dispose();
  }

  private follow(connection: ForgeConnection | undefined): void {
    this.stop();
    if (!connection) return;
    const controller = new AbortController();
    this.stream = controller;
    this.pollTimer = setInterval(() => {
      if (!this.live) this.updated.fire(undefined);
    }, pollMs);
    void this.readStream(connection, controller.signal);
  }

  private stop(): void {
    this.stream?.abort();
    this.stream = undefined;
    this.live = false;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = undefined;
  }

  private async readStream(connection: ForgeConnection, signal: AbortSignal): Promise<void> {
    let delay = backoffMs;
    // Reconnecting with the last id seen replays what happened while the stream was down.
    let lastEventId: string | null = null;
    while (!signal.aborted) {
      try {
        const events = connection.client.events(signal, lastEventId);
        for await (const event of events) {
          lastEventId = event.id ?? lastEventId;
          if (!this.live) {
            this.live = true;
            delay = backoffMs;
            this.log.debug(`following live events from ${connection.serverUrl}`);
          }
          this.updated.fire(event);
        }
        if (signal.aborted) return;
        this.log.warn('the event stream ended; reconnecting');
      } catch (error) {
        if (signal.aborted) return;
        this.log.warn(`the event stream failed (${error instanceof Error ? error.message : String(error)}); polling every ${pollMs / 1000} s until it reconnects`);
      }
      this.live = false;
      // Whatever happened while the stream was down is picked up by one full refresh.
      this.updated.fire(undefined);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, maxBackoffMs);
    }
  }
}
