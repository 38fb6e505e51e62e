import type * as vscode from 'vscode';
import type { ForgeLog } from '../logging';
import type { ForgeConnection, ForgeSession } from './forgeSession';

/** How often the connected service's /healthz is asked. */
const checkMs = 10_000;
/** How often a lost service is tried again. */
const retryMs = 10_000;

/**
 * Notices a service that went away while signed in (its /healthz stops answering): the session becomes
 * "unreachable" — the views show their welcome with Show Logs — and `reconnect` is tried until it succeeds.
 * Signing out (or in) elsewhere ends the retries.
 */
export class ConnectionWatch implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly session: ForgeSession,
    private readonly reconnect: () => Promise<ForgeConnection | undefined>,
    private readonly log: ForgeLog,
  ) {
    this.subscription = session.onDidChange((connection) => this.follow(connection));
    this.follow(session.connection);
  }

  dispose(): void {
    this.stopTimer();
    this.subscription.dispose();
  }

  private follow(connection: ForgeConnection | undefined): void {
    this.stopTimer();
    if (connection) this.timer = setInterval(() => void this.check(connection), checkMs);
    else if (this.session.connectionState === 'unreachable') this.timer = setInterval(() => void this.retry(), retryMs);
  }

  private async check(connection: ForgeConnection): Promise<void> {
    try {
      await connection.client.health();
    } catch (error) {
      if (this.session.connection !== connection) return;
      this.log.warn(`${connection.serverUrl} stopped answering (${error instanceof Error ? error.message : String(error)}); retrying every ${retryMs / 1000} s`);
      await this.session.disconnect('unreachable');
    }
  }

  private async retry(): Promise<void> {
    if (this.session.connectionState !== 'unreachable') return this.stopTimer();
    // One attempt at a time: a slow start of the embedded service must not pile up restarts.
    this.stopTimer();
    const connection = await this.reconnect();
    if (!connection && this.session.connectionState === 'unreachable') this.follow(undefined);
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
