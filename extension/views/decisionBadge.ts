import type * as vscode from 'vscode';
import type { ForgeLog } from '../logging';
import type { ForgeSession } from '../session/forgeSession';
import type { ReleaseUpdates } from '../session/releaseUpdates';

const refreshDelayMs = 300;

/**
 * The badge of the Approvals view (shown on the Forge Releases activity icon): how many releases wait for the
 * signed-in user's decision. It follows the events even while the view is hidden, which a tree alone would not.
 */
export class DecisionBadge implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];
  private timer: NodeJS.Timeout | undefined;
  private count = 0;

  constructor(
    private readonly view: vscode.TreeView<unknown>,
    private readonly session: ForgeSession,
    updates: ReleaseUpdates,
    private readonly log: ForgeLog,
  ) {
    this.subscriptions = [
      session.onDidChange(() => this.schedule()),
      updates.onDidUpdate((event) => {
        if (!event || event.type === 'approval.updated' || event.type === 'release.updated') this.schedule();
      }),
    ];
    this.schedule();
  }

  /** The number the badge shows now. */
  get value(): number {
    return this.count;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.update().catch((error: unknown) =>
        this.log.warn(`counting the releases waiting for a decision failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    }, refreshDelayMs);
  }

  private async update(): Promise<void> {
    const connection = this.session.connection;
    const count = connection ? (await connection.client.listApprovals({ status: 'waiting', limit: 100 })).items.filter((approval) => approval.canDecide).length : 0;
    if (this.session.connection !== connection) return;
    this.count = count;
    this.view.badge = count > 0 ? { value: count, tooltip: `${count} ${count === 1 ? 'release waits' : 'releases wait'} for your decision` } : undefined;
  }
}
