import * as vscode from 'vscode';
import type { ForgeLog } from '../logging';
import type { ForgeSession } from '../session/forgeSession';
import type { ReleaseUpdates } from '../session/releaseUpdates';
import { teamTreeItem, type TeamNode } from './teamNodes';

/**
 * The Team view (admins): the users with their roles and tokens, and each environment's reviewers and required
 * approvals, flagged when a release could never collect enough approvals from people other than its requester.
 */
export class TeamTree implements vscode.TreeDataProvider<TeamNode>, vscode.Disposable {
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
      updates.onDidUpdate((event) => {
        if (!event || event.type === 'environment.updated') this.refresh();
      }),
    ];
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: TeamNode): vscode.TreeItem {
    return teamTreeItem(node);
  }

  async getChildren(node?: TeamNode): Promise<TeamNode[]> {
    const connection = this.session.connection;
    if (!connection || connection.me.role !== 'admin') return [];
    try {
      if (!node)
        return [
          { kind: 'group', group: 'users' },
          { kind: 'group', group: 'reviewers' },
        ];
      const { client, me } = connection;
      if (node.kind === 'group' && node.group === 'users') {
        const users = (await client.listAllUsers()).sort((a, b) => a.name.localeCompare(b.name));
        return users.map((user) => ({ kind: 'user', user, isMe: user.id === me.id }));
      }
      if (node.kind === 'group') {
        const [environments, users] = await Promise.all([client.listEnvironments(), client.listAllUsers()]);
        const self = users.find((user) => user.id === me.id);
        const policies: TeamNode[] = environments
          .sort((a, b) => a.order - b.order)
          .flatMap((environment) =>
            environment.gates.approvals && environment.approvalPolicy
              ? [{ kind: 'policy' as const, environment, policy: environment.approvalPolicy, users, me: self }]
              : [],
          );
        return policies.length > 0 ? policies : [{ kind: 'message', text: 'No environment requires approvals' }];
      }
      if (node.kind === 'user') {
        const tokens = await client.listTokens(node.user.id);
        return tokens.length > 0
          ? tokens.map((token) => ({ kind: 'token', token, user: node.user }))
          : [{ kind: 'message', text: 'No token: create one so they can sign in' }];
      }
      if (node.kind === 'policy')
        return node.policy.reviewers.map((reviewer) => ({ kind: 'reviewer', environment: node.environment, policy: node.policy, reviewer, users: node.users }));
      return [];
    } catch (error) {
      this.log.error('reading the team failed', error);
      return [{ kind: 'message', text: 'Could not load — see Forge: Show Logs' }];
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}
