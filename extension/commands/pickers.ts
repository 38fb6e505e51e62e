import * as vscode from 'vscode';
import type { Environment } from '../../core/api/environment';
import type { Version } from '../../core/api/version';
import { relativeTime } from '../../webviews/shared/timeText';
import type { ForgeConnection } from '../session/forgeSession';
import { environmentNodes } from '../views/environmentsTree';
import type { EnvironmentNode } from '../views/releaseNodes';

/** Picks an environment the user may act on (`allowed`); environments they may not are left out. */
export async function pickEnvironment(connection: ForgeConnection, title: string, allowed: (node: EnvironmentNode) => boolean): Promise<Environment | undefined> {
  const nodes = (await environmentNodes(connection)).filter(allowed);
  if (nodes.length === 0) {
    void vscode.window.showWarningMessage(`Forge: your role (${connection.me.role}) may not do this in any environment.`);
    return undefined;
  }
  const choice = await vscode.window.showQuickPick(
    nodes.map(({ environment }) => ({
      label: environment.name,
      description: environment.activeVersion ?? 'no version',
      detail: `${environment.tier} · ${environment.purpose}`,
      environment,
    })),
    { title, placeHolder: 'Environment' },
  );
  return choice?.environment;
}

/** Picks a registered version, newest first; `exclude` leaves out e.g. the one already active. */
export async function pickVersion(connection: ForgeConnection, title: string, exclude?: string): Promise<string | undefined> {
  const versions = (await connection.client.listVersions({ limit: 100 })).items.filter((version) => version.tag !== exclude);
  if (versions.length === 0) {
    void vscode.window.showWarningMessage('Forge: no version is registered yet. Run "Forge: Create Version" first.');
    return undefined;
  }
  const choice = await vscode.window.showQuickPick(versions.map(versionItem), { title, placeHolder: 'Version' });
  return choice?.label;
}

function versionItem(version: Version): vscode.QuickPickItem {
  return {
    label: version.tag,
    description: `${version.valid ? '' : '$(error) invalid · '}${version.createdBy} · ${relativeTime(version.createdAt)}`,
    detail: version.message ?? undefined,
  };
}
