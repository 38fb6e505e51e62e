import * as vscode from 'vscode';

/**
 * Where the extension stands with the release service, published as the `forge.connection` context key so the
 * views' welcome content (signed out, unreachable) and menus can follow it.
 */
export type ConnectionState = 'signedOut' | 'connecting' | 'unreachable' | 'connected';

const connectionContextKey = 'forge.connection';

/** Sets the `forge.connection` context key. */
export async function setConnectionState(state: ConnectionState): Promise<void> {
  await vscode.commands.executeCommand('setContext', connectionContextKey, state);
}

const roleContextKey = 'forge.role';

/** Sets the `forge.role` context key (the signed-in user's role, or nothing) for role-gated palette entries. */
export async function setRoleContext(role: string | undefined): Promise<void> {
  await vscode.commands.executeCommand('setContext', roleContextKey, role);
}
