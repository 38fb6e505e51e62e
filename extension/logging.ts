import * as vscode from 'vscode';

/** The one place the extension writes its log: a LogOutputChannel, so users pick the level in the Output view. */
export class ForgeLog implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Forge Releases', { log: true });

  debug(message: string): void {
    this.channel.debug(message);
  }

  info(message: string): void {
    this.channel.info(message);
  }

  warn(message: string): void {
    this.channel.warn(message);
  }

  error(message: string, error?: unknown): void {
    if (error === undefined) this.channel.error(message);
    else this.channel.error(`${message}: ${describeError(error)}`);
  }

  /** Reveals the log in the Output view. */
  show(): void {
    this.channel.show(true);
  }

  /**
   * Logs a failure and tells the user what failed, offering "Show Logs". Resolves once the message is
   * dismissed, so callers may `void` it.
   */
  async reportFailure(what: string, error: unknown): Promise<void> {
    this.error(what, error);
    const choice = await vscode.window.showErrorMessage(`${what}: ${summarize(error)}`, 'Show Logs');
    if (choice === 'Show Logs') this.show();
  }

  dispose(): void {
    this.channel.dispose();
  }
}

function summarize(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
