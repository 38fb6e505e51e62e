import * as vscode from 'vscode';

const getStartedCommand = 'forge.getStarted';
const walkthroughId = 'forge.forge-releases#forge.gettingStarted';

/** "Forge: Get Started": opens the walkthrough that takes a version to production, step by step. */
export function registerGetStarted(): vscode.Disposable {
  return vscode.commands.registerCommand(getStartedCommand, () => vscode.commands.executeCommand('workbench.action.openWalkthrough', walkthroughId, false));
}
