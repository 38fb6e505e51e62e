import * as vscode from 'vscode';
import type { ReleaseViews } from '../views/releaseViews';

const refreshCommand = 'forge.refresh';

/** "Forge: Refresh": re-reads both release views (they also follow live events; this is for the impatient). */
export function registerRefresh(views: ReleaseViews): vscode.Disposable {
  return vscode.commands.registerCommand(refreshCommand, () => views.refresh());
}
