import * as vscode from 'vscode';
import type { ForgeLog } from '../logging';
import type { ArtifactDiagnostics, ValidationSummary } from '../validation/artifactDiagnostics';

export const validateWorkspaceCommand = 'forge.validateWorkspace';

/** "Forge: Validate Workspace": fills Problems for every artifact of every folder; returns the totals. */
export function registerValidateWorkspace(diagnostics: ArtifactDiagnostics, log: ForgeLog): vscode.Disposable {
  return vscode.commands.registerCommand(validateWorkspaceCommand, async (): Promise<ValidationSummary | undefined> => {
    try {
      const summary = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Forge: validating artifacts' }, (progress) =>
        diagnostics.validateWorkspace((message) => progress.report({ message })),
      );
      const message = `Forge: validated ${summary.files} artifacts: ${summary.errors} errors, ${summary.warnings} warnings.`;
      log.info(message);
      void vscode.window.showInformationMessage(message);
      return summary;
    } catch (error) {
      void log.reportFailure('Validating the workspace failed', error);
      return undefined;
    }
  });
}
