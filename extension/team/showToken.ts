import * as vscode from 'vscode';
import type { TokenCreated } from '../../core/api/user';
import type { ForgeLog } from '../logging';

/**
 * Shows a new token the only time it can be seen: a modal (so it is not missed) with the token in its text and
 * a button that copies it. The token is never logged.
 */
export async function showNewToken(created: TokenCreated, userName: string, log: ForgeLog): Promise<void> {
  const copy = 'Copy Token';
  const choice = await vscode.window.showInformationMessage(
    `Token "${created.name}" for ${userName}`,
    {
      modal: true,
      detail: `${created.token}\n\nThis is the only time the token is shown: copy it now and give it to ${userName}, who signs in with "Forge: Sign In". The service keeps only its hash; revoke it from the Team view.`,
    },
    copy,
  );
  if (choice !== copy) return;
  try {
    await vscode.env.clipboard.writeText(created.token);
    vscode.window.setStatusBarMessage(`$(key) Forge: the token for ${userName} is on the clipboard`, 8000);
  } catch (error) {
    log.warn(`copying the token to the clipboard failed: ${error instanceof Error ? error.message : String(error)}`);
    void vscode.window.showWarningMessage('Forge: the token could not be copied to the clipboard. Create another one and copy it from the dialog text.');
  }
}
