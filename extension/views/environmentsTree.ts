import * as vscode from 'vscode';
import { environmentCapabilities } from '../../core/access/capabilities';
import type { Environment } from '../../core/api/environment';
import type { ForgeLog } from '../logging';
import { rollbackTarget } from '../pipeline/pipelineModel';
import type { ForgeConnection, ForgeSession } from '../session/forgeSession';
import type { ReleaseUpdates } from '../session/releaseUpdates';
import { type EnvironmentNode, type ReleaseNode, releaseTreeItem, resolveVersionTooltip } from './releaseNodes';

const recentReleaseCount = 5;
const refreshDelayMs = 150;
/** While a verification window runs, the time left it shows is refreshed this often even without an event. */
const countdownMs = 30_000;

/**
 * The Environments view: each environment of the chain with its active version and last outcome; under it the
 * releases waiting for approval and the most recent releases. Re-reads on every live update (coalesced).
 */
export class EnvironmentsTree implements vscode.TreeDataProvider<ReleaseNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ReleaseNode | undefined>();
  private readonly subscriptions: vscode.Disposable[];
  private refreshTimer: NodeJS.Timeout | undefined;
  private countdownTimer: NodeJS.Timeout | undefined;
  private loaded: EnvironmentNode[] = [];

  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly session: ForgeSession,
    updates: ReleaseUpdates,
    private readonly log: ForgeLog,
  ) {
    this.subscriptions = [session.onDidChange(() => this.refresh()), updates.onDidUpdate(() => this.scheduleRefresh())];
  }

  /** Re-reads everything now. */
  refresh(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
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
    if (!connection) return [];
    try {
      if (!node) {
        this.loaded = await environmentNodes(connection);
        if (this.loaded.some((row) => row.environment.lastRelease?.verification?.state === 'running')) {
          this.countdownTimer ??= setTimeout(() => {
            this.countdownTimer = undefined;
            this.refresh();
          }, countdownMs);
        }
        return this.loaded;
      }
      if (node.kind === 'environment') return await environmentChildren(connection, node);
      return [];
    } catch (error) {
      this.log.error(
        node ? `reading the releases of ${node.kind === 'environment' ? node.environment.name : 'a node'} failed` : 'reading the environments failed',
        error,
      );
      return [{ kind: 'message', text: 'Could not load — see Forge: Show Logs', detail: error instanceof Error ? error.message : String(error) }];
    }
  }

  /** The parent of a node, so `TreeView.reveal` works for releases. */
  getParent(node: ReleaseNode): ReleaseNode | undefined {
    if (node.kind === 'environment' || node.kind === 'message') return undefined;
    return this.loaded.find((row) => row.environment.name === node.environment.name);
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    if (this.countdownTimer) clearTimeout(this.countdownTimer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }

  private scheduleRefresh(): void {
    // A deploy emits several events within milliseconds; one re-read covers them all.
    this.refreshTimer ??= setTimeout(() => this.refresh(), refreshDelayMs);
  }
}

/**
 * The environments as rows, in chain order, with the signed-in user's capabilities on each, what a rollback
 * would restore and where a promotion would come from.
 */
export async function environmentNodes(connection: ForgeConnection): Promise<EnvironmentNode[]> {
  const environments = (await connection.client.listEnvironments()).sort((a, b) => a.order - b.order);
  const targets = await Promise.all(environments.map((environment) => rollbackTargetOf(connection, environment)));
  return environments.map((environment, index) => ({
    kind: 'environment',
    environment,
    capabilities: environmentCapabilities(connection.me, environment),
    rollbackTarget: targets[index] ?? null,
    previous: environments[index - 1] ?? null,
  }));
}

/** What a rollback of the environment restores (null: nothing ran there before the active version). */
async function rollbackTargetOf(connection: ForgeConnection, environment: Environment): Promise<string | null> {
  if (environment.activeVersion === null) return null;
  const succeeded = await connection.client.listReleases({ environment: environment.name, status: 'succeeded', limit: 20 });
  return rollbackTarget(environment, succeeded.items);
}

/**
 * Under an environment: the releases waiting for approval (once each, as approval rows), then the latest other
 * releases, the one that made the active version active marked.
 */
async function environmentChildren(connection: ForgeConnection, { environment, capabilities }: EnvironmentNode): Promise<ReleaseNode[]> {
  const [waiting, recent] = await Promise.all([
    environment.pendingApprovals > 0 ? connection.client.listApprovals({ environment: environment.name, status: 'waiting' }) : Promise.resolve({ items: [] }),
    connection.client.listReleases({ environment: environment.name, limit: recentReleaseCount + environment.pendingApprovals }),
  ]);
  const waitingIds = new Set(waiting.items.map((approval) => approval.releaseId));
  const activeId = recent.items.find((release) => release.status === 'succeeded' && release.version === environment.activeVersion)?.id;
  const approvals: ReleaseNode[] = waiting.items.map((approval) => ({ kind: 'approval', approval, environment, capabilities }));
  const releases: ReleaseNode[] = recent.items
    .filter((release) => !waitingIds.has(release.id))
    .slice(0, recentReleaseCount)
    .map((release) => ({ kind: 'release', release, environment, capabilities, active: release.id === activeId }));
  if (approvals.length + releases.length === 0) return [{ kind: 'message', text: 'No releases yet' }];
  return [...approvals, ...releases];
}
