import * as vscode from 'vscode';
import type { ForgeLog } from '../logging';

export const showLogsCommand = 'forge.showLogs';

/** "Forge: Show Logs": reveals the extension's log channel. */
export function registerShowLogs(log: ForgeLog): vscode.Disposable {
  return vscode.commands.registerCommand(showLogsCommand, () => log.show());
}
