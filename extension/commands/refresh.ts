import * as vscode from 'vscode';
import type { ReleaseUpdates } from '../session/releaseUpdates';
import type { ReleaseViews } from '../views/releaseViews';

const refreshCommand = 'forge.refresh';

/** "Forge: Refresh": re-reads the views and the open panels (they also follow live events; this is for the impatient). */
export function registerRefresh(views: ReleaseViews, updates: ReleaseUpdates): vscode.Disposable {
  return vscode.commands.registerCommand(refreshCommand, () => {
    views.refresh();
    updates.poke();
  });
}
