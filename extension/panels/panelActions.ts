import * as vscode from 'vscode';
import type { ForgeAction } from '../../webviews/shared/messages';

/** The command each panel action runs, with its argument: the panels never call the service themselves. */
export function runPanelAction(action: ForgeAction): Thenable<unknown> {
  switch (action.kind) {
    case 'openRelease':
      return vscode.commands.executeCommand('forge.openRelease', action.releaseId);
    case 'deploy':
      return vscode.commands.executeCommand('forge.deploy', { environment: action.environment, version: action.version });
    case 'promote':
      return vscode.commands.executeCommand('forge.promote', { environment: action.environment });
    case 'rollback':
      return vscode.commands.executeCommand('forge.rollback', { environment: action.environment, version: action.version });
    case 'reportCheck':
      return vscode.commands.executeCommand('forge.reportCheck', action.version ? { version: action.version } : undefined);
    case 'reportEvaluation':
      return vscode.commands.executeCommand('forge.reportEvaluation', action.version ? { version: action.version } : undefined);
    case 'addReviewer':
      return vscode.commands.executeCommand('forge.addReviewer', action.environment ? { environment: action.environment } : undefined);
    case 'createVersion':
      return vscode.commands.executeCommand('forge.createVersion');
    case 'showPipeline':
      return vscode.commands.executeCommand('forge.showPipeline');
    case 'showAuditLog':
      return vscode.commands.executeCommand('forge.showAuditLog', action.releaseId ? { releaseId: action.releaseId } : undefined);
    case 'exportReport':
      return vscode.commands.executeCommand('forge.exportReport');
  }
}
