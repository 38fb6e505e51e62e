import * as vscode from 'vscode';
import type { ForgeLog } from '../logging';
import type { ForgeConnection, ForgeSession } from '../session/forgeSession';
import type { ReleaseUpdates } from '../session/releaseUpdates';
import { environmentCapabilities } from '../../core/access/capabilities';
import { type ApprovalNode, type ReleaseNode, releaseTreeItem, resolveVersionTooltip } from './releaseNodes';

/** The Approvals view: every release waiting for approval, across environments; a click opens its panel. */
export class ApprovalsTree implements vscode.TreeDataProvider<ReleaseNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<undefined>();
  private readonly subscriptions: vscode.Disposable[];

  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly session: ForgeSession,
    updates: ReleaseUpdates,
    private readonly log: ForgeLog,
  ) {
    this.subscriptions = [
      session.onDidChange(() => this.refresh()),
      // Only changes that can start or end a wait matter here.
      updates.onDidUpdate((event) => {
        if (!event || event.type === 'approval.updated' || event.type === 'release.updated') this.refresh();
      }),
    ];
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: ReleaseNode): vscode.TreeItem {
    return releaseTreeItem(node);
  }

  /** A release or approval row's tooltip, with its version's latest evaluations, read when it is hovered. */
  resolveTreeItem(item: vscode.TreeItem, node: ReleaseNode): Promise<vscode.TreeItem> {
    return resolveVersionTooltip(this.session.connection, item, node);
  }

  async getChildren(node?: ReleaseNode): Promise<ReleaseNode[]> {
    const connection = this.session.connection;
    if (!connection || node) return [];
    try {
      return await waitingApprovals(connection);
    } catch (error) {
      this.log.error('reading the releases waiting for approval failed', error);
      return [{ kind: 'message', text: 'Could not load — see Forge: Show Logs', detail: error instanceof Error ? error.message : String(error) }];
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}

/** Approval rows for every release waiting for approval, oldest request first. */
async function waitingApprovals(connection: ForgeConnection): Promise<ApprovalNode[]> {
  const [environments, waiting] = await Promise.all([connection.client.listEnvironments(), connection.client.listApprovals({ status: 'waiting', limit: 100 })]);
  const byName = new Map(environments.map((environment) => [environment.name, environment]));
  return waiting.items
    .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt))
    .flatMap((approval) => {
      const owner = byName.get(approval.environment);
      return owner ? [{ kind: 'approval' as const, approval, environment: owner, capabilities: environmentCapabilities(connection.me, owner) }] : [];
    });
}
