import * as vscode from 'vscode';
import { serverUrl } from '../configuration';
import type { ForgeLog } from '../logging';
import type { ForgeSession } from '../session/forgeSession';
import type { SessionController, SignInRequest } from '../session/sessionController';
import { sessionMenuCommand } from '../session/sessionStatusBar';
import { showLogsCommand } from './showLogs';

const signInCommand = 'forge.signIn';
const signOutCommand = 'forge.signOut';

/**
 * "Forge: Sign In" (server URL and token from input boxes, or a SignInRequest argument for scripts),
 * "Forge: Sign Out", and the status bar's session menu. Resolves with the signed-in user, or undefined.
 */
export function registerSessionCommands(controller: SessionController, session: ForgeSession, log: ForgeLog): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(signInCommand, async (request?: SignInRequest) => {
      const given = isSignInRequest(request) ? request : await askForSignIn();
      if (!given) return undefined;
      try {
        const connection = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: given.serverUrl ? `Forge: signing in to ${given.serverUrl}` : 'Forge: starting the embedded service' },
          () => controller.signIn(given),
        );
        // The status bar names who is signed in where; a toast would only repeat it.
        log.info(`signed in as ${connection.me.name} (${connection.me.role})`);
        return connection.me;
      } catch (error) {
        void log.reportFailure('Signing in failed', error);
        return undefined;
      }
    }),
    vscode.commands.registerCommand(signOutCommand, async () => {
      try {
        await controller.signOut();
      } catch (error) {
        void log.reportFailure('Signing out failed', error);
      }
    }),
    vscode.commands.registerCommand(sessionMenuCommand, async () => {
      const signedIn = session.connection !== undefined;
      const choice = await vscode.window.showQuickPick(
        [
          signedIn ? { label: '$(sign-out) Sign Out', command: signOutCommand } : { label: '$(sign-in) Sign In', command: signInCommand },
          { label: '$(output) Show Logs', command: showLogsCommand },
        ],
        { title: 'Forge Releases' },
      );
      if (choice) await vscode.commands.executeCommand(choice.command);
    }),
  ];
}

function isSignInRequest(value: unknown): value is SignInRequest {
  return typeof value === 'object' && value !== null && typeof (value as SignInRequest).serverUrl === 'string';
}

async function askForSignIn(): Promise<SignInRequest | undefined> {
  const url = await vscode.window.showInputBox({
    title: 'Forge: Sign In (1/2)',
    prompt: 'Server URL, e.g. https://forge.example.com — leave empty for the embedded local service',
    value: serverUrl(),
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' || /^https?:\/\/\S+$/.test(value.trim()) ? undefined : 'An http:// or https:// URL, or empty'),
  });
  if (url === undefined) return undefined;
  if (url.trim() === '') {
    const token = await vscode.window.showInputBox({
      title: 'Forge: Sign In (2/2)',
      prompt: 'API token of a user of the embedded service (e.g. a teammate reviewing on this machine) — leave empty to sign in as its admin',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() === '' || value.trim().length >= 16 ? undefined : 'A token has at least 16 characters'),
    });
    if (token === undefined) return undefined;
    return { serverUrl: '', ...(token.trim() ? { token: token.trim() } : {}) };
  }
  const token = await vscode.window.showInputBox({
    title: 'Forge: Sign In (2/2)',
    prompt: `API token for ${url.trim()} (kept in the editor's secret storage)`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim().length >= 16 ? undefined : 'A token has at least 16 characters'),
  });
  if (token === undefined) return undefined;
  return { serverUrl: url.trim(), token: token.trim() };
}
