import * as vscode from 'vscode';
import type { ForgeConnection, ForgeSession } from './forgeSession';

export const sessionMenuCommand = 'forge.sessionMenu';

/** The status bar item: server, user and role when signed in; a sign-in prompt otherwise. Click → session menu. */
export class SessionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('forge.session', vscode.StatusBarAlignment.Left, 10);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly session: ForgeSession) {
    this.item.name = 'Forge Releases session';
    this.item.command = sessionMenuCommand;
    this.subscription = session.onDidChange((connection) => this.render(connection));
    this.render(session.connection);
    this.item.show();
  }

  private render(connection: ForgeConnection | undefined): void {
    if (!connection) {
      this.item.text = this.session.connectionState === 'unreachable' ? '$(debug-disconnect) Forge: unreachable' : '$(sign-in) Forge: sign in';
      this.item.tooltip = 'Forge Releases: not signed in. Click to sign in or show the logs.';
      return;
    }
    const where = connection.embedded ? 'embedded' : new URL(connection.serverUrl).host;
    this.item.text = `$(rocket) ${connection.me.name} (${connection.me.role}) @ ${where}`;
    this.item.tooltip = new vscode.MarkdownString(
      `**Forge Releases**\n\nServer: ${connection.embedded ? `embedded service (${connection.serverUrl})` : connection.serverUrl}\n\nUser: ${connection.me.name}\n\nRole: ${connection.me.role}`,
    );
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
