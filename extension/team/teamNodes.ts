import * as vscode from 'vscode';
import type { Environment } from '../../core/api/environment';
import type { Token, User } from '../../core/api/user';
import type { ApprovalPolicy } from '../../core/approvals/approvalPolicy';
import { isReviewer } from '../../core/approvals/approvalPolicy';
import { localTime, relativeTime } from '../../webviews/shared/timeText';

/** A row of the Team view; each kind builds its own TreeItem. */
export type TeamNode =
  | { kind: 'group'; group: 'users' | 'reviewers' }
  | { kind: 'user'; user: User; isMe: boolean }
  | { kind: 'token'; token: Token; user: User }
  | { kind: 'policy'; environment: Environment; policy: ApprovalPolicy; users: readonly User[]; me: User | undefined }
  | { kind: 'reviewer'; environment: Environment; policy: ApprovalPolicy; reviewer: string; users: readonly User[] }
  | { kind: 'message'; text: string };

/** The users a reviewer entry designates: everyone holding the role, or the one user. */
export function designatedUsers(reviewer: string, users: readonly User[]): User[] {
  return users.filter((user) => !user.disabled && isReviewer(user, { reviewers: [reviewer] }));
}

/** How many reviewers other than `requester` could approve a release of the environment. */
export function otherReviewers(policy: ApprovalPolicy, users: readonly User[], requester: User | undefined): number {
  return users.filter((user) => !user.disabled && user.id !== requester?.id && isReviewer(user, policy)).length;
}

/** A reviewer entry in words: "maintainers (role)" or the user's name. */
export function reviewerLabel(reviewer: string, users: readonly User[]): string {
  if (reviewer.startsWith('role:')) return `${reviewer.slice(5)}s (role)`;
  const id = reviewer.slice(5);
  return users.find((user) => user.id === id)?.name ?? `user ${id}`;
}

export function teamTreeItem(node: TeamNode): vscode.TreeItem {
  switch (node.kind) {
    case 'group': {
      const item = new vscode.TreeItem(node.group === 'users' ? 'Users and roles' : 'Reviewers', vscode.TreeItemCollapsibleState.Expanded);
      item.id = `team:${node.group}`;
      item.contextValue = `forge:team-${node.group}`;
      item.iconPath = new vscode.ThemeIcon(node.group === 'users' ? 'organization' : 'checklist');
      return item;
    }
    case 'user': {
      const { user } = node;
      const item = new vscode.TreeItem(user.name, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `team:user:${user.id}`;
      item.description = `${user.role}${node.isMe ? ' · you' : ''}${user.disabled ? ' · disabled' : ''}`;
      item.iconPath = new vscode.ThemeIcon(user.role === 'admin' ? 'shield' : 'account');
      item.tooltip = `${user.name} (${user.role}), added ${localTime(user.createdAt)}`;
      item.contextValue = 'forge:team-user';
      return item;
    }
    case 'token': {
      const { token } = node;
      const item = new vscode.TreeItem(token.name, vscode.TreeItemCollapsibleState.None);
      item.id = `team:token:${token.id}`;
      const used = token.lastUsedAt ? `used ${relativeTime(token.lastUsedAt)}` : 'never used';
      item.description = token.revokedAt ? `revoked ${relativeTime(token.revokedAt)}` : `created ${relativeTime(token.createdAt)} · ${used}`;
      item.iconPath = new vscode.ThemeIcon(token.revokedAt ? 'circle-slash' : 'key');
      item.tooltip = [
        `Token "${token.name}" of ${node.user.name}`,
        `Created ${localTime(token.createdAt)}`,
        token.lastUsedAt ? `Last used ${localTime(token.lastUsedAt)}` : 'Never used',
        token.revokedAt ? `Revoked ${localTime(token.revokedAt)}` : 'Active',
      ].join('\n');
      item.contextValue = token.revokedAt ? 'forge:team-token' : 'forge:team-token+active';
      return item;
    }
    case 'policy': {
      const { environment, policy, users, me } = node;
      const item = new vscode.TreeItem(environment.name, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `team:policy:${environment.name}`;
      const others = otherReviewers(policy, users, me);
      const short = others < policy.required;
      item.description = `${policy.required} ${policy.required === 1 ? 'approval' : 'approvals'} · ${Math.round(policy.timeoutMinutes / 60)} h${short ? ` · only ${others} other ${others === 1 ? 'reviewer' : 'reviewers'}` : ''}`;
      item.iconPath = short
        ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
        : new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
      item.tooltip = new vscode.MarkdownString(
        [
          `**${environment.name}**: a release waits for ${policy.required} ${policy.required === 1 ? 'approval' : 'approvals'} from ${policy.reviewers.join(' or ')}, at most ${policy.timeoutMinutes} minutes.`,
          'The requester never counts.',
          short
            ? `$(warning) A release you request needs ${policy.required} approvals from others, and only ${others} other ${others === 1 ? 'reviewer exists' : 'reviewers exist'}: add reviewers.`
            : `${others} reviewers besides you can approve.`,
        ].join('\n\n'),
        true,
      );
      item.contextValue = 'forge:team-policy';
      return item;
    }
    case 'reviewer': {
      const designated = designatedUsers(node.reviewer, node.users);
      const item = new vscode.TreeItem(reviewerLabel(node.reviewer, node.users), vscode.TreeItemCollapsibleState.None);
      item.id = `team:reviewer:${node.environment.name}:${node.reviewer}`;
      item.description = node.reviewer.startsWith('role:')
        ? designated
            .map((user) => user.name)
            .sort()
            .join(', ') || 'nobody holds this role'
        : node.reviewer;
      item.iconPath = new vscode.ThemeIcon(node.reviewer.startsWith('role:') ? 'organization' : 'person');
      item.contextValue = node.policy.reviewers.length > 1 ? 'forge:team-reviewer+removable' : 'forge:team-reviewer';
      return item;
    }
    case 'message': {
      const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      item.contextValue = 'forge:message';
      return item;
    }
  }
}
