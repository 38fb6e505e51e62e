import * as vscode from 'vscode';
import type { ForgeLog } from '../logging';
import type { ForgeSession } from '../session/forgeSession';
import type { ReleaseNode } from '../views/releaseNodes';
import type { ReleaseViews } from '../views/releaseViews';
import { describeFailure } from './fixingActions';
import { pickEnvironment } from './pickers';

const reconcileCommand = 'forge.reconcile';

/**
 * "Forge: Reconcile": re-publishes an environment's active version on every gateway that drifted (from the
 * environment's row, or picked), then says whether every gateway is in sync and which are not.
 */
export function registerReconcileCommand(session: ForgeSession, views: ReleaseViews, log: ForgeLog): vscode.Disposable {
  return vscode.commands.registerCommand(reconcileCommand, async (node?: ReleaseNode) => {
    try {
      const connection = session.require();
      const environment =
        node?.kind === 'environment'
          ? node.environment
          : await pickEnvironment(connection, 'Forge: Reconcile — environment', (row) => row.capabilities.canDeploy && row.environment.gateways.length > 0);
      if (!environment) return undefined;
      const sync = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Forge: reconciling the gateways of ${environment.name}…` },
        () => connection.client.reconcile(environment.name),
      );
      views.refresh();
      const version = environment.activeVersion ?? 'nothing';
      if (sync.state === 'in-sync') {
        log.info(`reconciled ${environment.name}: every gateway serves ${version}`);
        void vscode.window.showInformationMessage(`Forge: every gateway of ${environment.name} serves ${version}.`);
      } else {
        const troubled = sync.gateways
          .filter((gateway) => gateway.state !== 'in-sync')
          .map((gateway) => `${gateway.url} ${gateway.state}${gateway.detail ? ` (${gateway.detail})` : ''}`);
        void log.reportFailure(`Forge: ${environment.name} is still ${sync.state}`, new Error(troubled.join('; ')));
      }
      return sync;
    } catch (error) {
      void log.reportFailure('Reconciling failed', new Error(describeFailure(error)));
      return undefined;
    }
  });
}
