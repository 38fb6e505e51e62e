import * as vscode from 'vscode';
import { roles, type Role } from '../../core/access/roles';
import type { Environment } from '../../core/api/environment';
import type { TokenCreated, User } from '../../core/api/user';
import { isReviewer, type ApprovalPolicy } from '../../core/approvals/approvalPolicy';
import { reportRefusal } from '../commands/fixingActions';
import type { ForgeLog } from '../logging';
import type { ForgeConnection, ForgeSession } from '../session/forgeSession';
import type { ReleaseUpdates } from '../session/releaseUpdates';
import { designatedUsers, otherReviewers, reviewerLabel, type TeamNode } from './teamNodes';
import { showNewToken } from './showToken';

const roleDescriptions: Record<Role, string> = {
  developer: 'records pull requests, reports checks, deploys to development',
  maintainer: 'also creates versions, deploys to staging, reads the audit log; reviews production by default',
  admin: 'also deploys to production and manages users, environments and secrets',
};

const userNamePattern = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/;

/** Arguments scripts may pass instead of answering the questions. */
interface UserArgument {
  name?: string;
  role?: Role;
}

/**
 * Team and access (admins): add a user (with a first token), change a role, create and revoke tokens, and
 * manage each environment's reviewers and required approvals. Every change re-reads the views and panels.
 * Scripts may pass the answers (`{name, role}`, `{userId, name}`, a reviewer, a count); a token is then returned
 * instead of shown.
 */
export function registerTeamCommands(session: ForgeSession, updates: ReleaseUpdates, log: ForgeLog): vscode.Disposable[] {
  const run =
    <A extends unknown[], R>(what: string, action: (connection: ForgeConnection, ...args: A) => Promise<R | undefined>) =>
    async (...args: A): Promise<R | undefined> => {
      const connection = session.connection;
      try {
        const result = await action(session.require(), ...args);
        if (result !== undefined) updates.poke();
        return result;
      } catch (error) {
        await reportRefusal(what, error, connection, log);
        return undefined;
      }
    };

  const addUser = async (connection: ForgeConnection, given: UserArgument = {}): Promise<{ user: User; token: TokenCreated } | undefined> => {
    const name = given.name ?? (await askUserName(connection));
    if (!name) return undefined;
    const role = given.role ?? (await pickRole(`Forge: Add User ${name} — role`, 'maintainer'));
    if (!role) return undefined;
    const user = await connection.client.createUser({ name, role });
    const token = await connection.client.createToken(user.id, 'vscode');
    log.info(`added user ${name} (${role}) with a token`);
    // A script that named the user gets the token in the result; a person sees it once, in the dialog.
    if (!(given.name && given.role)) await showNewToken(token, name, log);
    return { user, token };
  };

  return [
    vscode.commands.registerCommand('forge.addUser', run('Adding the user failed', addUser)),

    vscode.commands.registerCommand(
      'forge.changeRole',
      run('Changing the role failed', async (connection, node?: TeamNode, role?: Role) => {
        if (node?.kind !== 'user') return undefined;
        const next = role ?? (await pickRole(`Forge: Change the role of ${node.user.name} (now ${node.user.role})`, node.user.role));
        if (!next || next === node.user.role) return undefined;
        const user = await connection.client.updateUser(node.user.id, { role: next });
        vscode.window.setStatusBarMessage(`$(account) Forge: ${user.name} is now ${user.role}`, 8000);
        return user;
      }),
    ),

    vscode.commands.registerCommand(
      'forge.createToken',
      run('Creating the token failed', async (connection, node?: TeamNode | { userId: string; name?: string }) => {
        const user =
          node && 'kind' in node
            ? node.kind === 'user'
              ? node.user
              : undefined
            : node
              ? (await connection.client.listAllUsers()).find((candidate) => candidate.id === node.userId)
              : await pickUser(connection, 'Forge: Create Token — for whom');
        if (!user) return undefined;
        const name =
          (node && !('kind' in node) ? node.name : undefined) ??
          (await vscode.window.showInputBox({
            title: `Forge: Create Token for ${user.name}`,
            prompt: 'A label telling the tokens apart, e.g. laptop or ci',
            value: 'vscode',
            ignoreFocusOut: true,
            validateInput: (value) => (value.trim().length > 0 && value.trim().length <= 100 ? undefined : 'One to 100 characters'),
          }));
        if (!name) return undefined;
        const token = await connection.client.createToken(user.id, name.trim());
        if (!(node && !('kind' in node) && node.name)) await showNewToken(token, user.name, log);
        return token;
      }),
    ),

    vscode.commands.registerCommand(
      'forge.revokeToken',
      run('Revoking the token failed', async (connection, node?: TeamNode) => {
        if (node?.kind !== 'token') return undefined;
        const confirmed = await vscode.window.showWarningMessage(
          `Revoke the token "${node.token.name}" of ${node.user.name}?`,
          { modal: true, detail: 'Anything signed in with it is refused from its next request on. This cannot be undone; create a new token instead.' },
          'Revoke',
        );
        if (confirmed !== 'Revoke') return undefined;
        await connection.client.revokeToken(node.token.id);
        vscode.window.setStatusBarMessage(`$(circle-slash) Forge: token "${node.token.name}" of ${node.user.name} revoked`, 8000);
        return node.token.id;
      }),
    ),

    vscode.commands.registerCommand(
      'forge.addReviewer',
      run('Adding the reviewer failed', async (connection, target?: TeamNode | { environment?: string }, reviewer?: string) => {
        const environment = await approvalEnvironment(connection, target, 'Forge: Add Reviewer — to which environment');
        if (!environment?.approvalPolicy) return undefined;
        const policy = environment.approvalPolicy;
        const entry = reviewer ?? (await pickReviewer(connection, environment, policy, await connection.client.listAllUsers(), addUser));
        if (!entry) return undefined;
        // Read after the choice: a user just created may already review through their role.
        const users = await connection.client.listAllUsers();
        const covered = new Set(policy.reviewers.flatMap((existing) => designatedUsers(existing, users).map((user) => user.id)));
        if (policy.reviewers.includes(entry) || (entry.startsWith('user:') && covered.has(entry.slice(5)))) {
          vscode.window.setStatusBarMessage(`$(pass) Forge: ${reviewerLabel(entry, users)} already reviews ${environment.name}`, 8000);
          return entry;
        }
        await connection.client.updateEnvironment(environment.name, { approvalPolicy: { ...policy, reviewers: [...policy.reviewers, entry] } });
        vscode.window.setStatusBarMessage(`$(person-add) Forge: ${reviewerLabel(entry, users)} reviews ${environment.name}`, 8000);
        return entry;
      }),
    ),

    vscode.commands.registerCommand(
      'forge.removeReviewer',
      run('Removing the reviewer failed', async (connection, node?: TeamNode) => {
        if (node?.kind !== 'reviewer') return undefined;
        const policy = node.policy;
        if (policy.reviewers.length <= 1) {
          void vscode.window.showInformationMessage(
            `Forge: ${node.environment.name} needs at least one reviewer; add another one before removing ${reviewerLabel(node.reviewer, node.users)}.`,
          );
          return undefined;
        }
        await connection.client.updateEnvironment(node.environment.name, {
          approvalPolicy: { ...policy, reviewers: policy.reviewers.filter((entry) => entry !== node.reviewer) },
        });
        vscode.window.setStatusBarMessage(`$(person) Forge: ${reviewerLabel(node.reviewer, node.users)} no longer reviews ${node.environment.name}`, 8000);
        return node.reviewer;
      }),
    ),

    vscode.commands.registerCommand(
      'forge.setRequiredApprovals',
      run('Changing the required approvals failed', async (connection, target?: TeamNode | { environment?: string }, count?: number) => {
        const environment = await approvalEnvironment(connection, target, 'Forge: Set Required Approvals — environment');
        if (!environment?.approvalPolicy) return undefined;
        const policy = environment.approvalPolicy;
        const users = await connection.client.listAllUsers();
        const available = users.filter((user) => !user.disabled && isReviewer(user, policy)).length;
        const answer =
          count !== undefined
            ? String(count)
            : await vscode.window.showInputBox({
                title: `Forge: Required approvals for ${environment.name} (now ${policy.required})`,
                prompt: `How many reviewers must approve a release; ${available} ${available === 1 ? 'user reviews' : 'users review'} ${environment.name}, and the requester never counts`,
                value: String(policy.required),
                ignoreFocusOut: true,
                validateInput: (value) => (/^\d+$/.test(value.trim()) && Number(value) >= 1 && Number(value) <= 100 ? undefined : 'A whole number from 1 to 100'),
              });
        if (!answer) return undefined;
        const required = Number(answer.trim());
        await connection.client.updateEnvironment(environment.name, { approvalPolicy: { ...policy, required } });
        vscode.window.setStatusBarMessage(`$(checklist) Forge: ${environment.name} needs ${required} ${required === 1 ? 'approval' : 'approvals'}`, 8000);
        return required;
      }),
    ),
  ];
}

/** The environment a reviewer command is about: the tree row, `{environment}`, or picked among those requiring approvals. */
async function approvalEnvironment(
  connection: ForgeConnection,
  target: TeamNode | { environment?: string } | undefined,
  title: string,
): Promise<Environment | undefined> {
  const environments = (await connection.client.listEnvironments()).filter((environment) => environment.gates.approvals && environment.approvalPolicy);
  const name = target && 'kind' in target ? (target.kind === 'policy' || target.kind === 'reviewer' ? target.environment.name : undefined) : target?.environment;
  if (name) {
    const found = environments.find((environment) => environment.name === name);
    if (!found) void vscode.window.showInformationMessage(`Forge: ${name} does not require approvals, so it has no reviewers.`);
    return found;
  }
  if (environments.length === 0) {
    void vscode.window.showInformationMessage('Forge: no environment requires approvals.');
    return undefined;
  }
  if (environments.length === 1) return environments[0];
  const choice = await vscode.window.showQuickPick(
    environments.map((environment) => ({
      label: environment.name,
      description: `${environment.approvalPolicy!.required} approvals from ${environment.approvalPolicy!.reviewers.join(' or ')}`,
      environment,
    })),
    { title, placeHolder: 'Environment' },
  );
  return choice?.environment;
}

/**
 * Who should review: a user not reviewing yet, a role not listed yet, or a new user (created with a first token,
 * whose role may already make them a reviewer).
 */
async function pickReviewer(
  connection: ForgeConnection,
  environment: Environment,
  policy: ApprovalPolicy,
  users: readonly User[],
  addUser: (connection: ForgeConnection) => Promise<{ user: User } | undefined>,
): Promise<string | undefined> {
  const reviewing = new Set(policy.reviewers.flatMap((entry) => designatedUsers(entry, users).map((user) => user.id)));
  const others = otherReviewers(
    policy,
    users,
    users.find((user) => user.id === connection.me.id),
  );
  const newUser = '$(person-add) New user…';
  const items: (vscode.QuickPickItem & { entry?: string })[] = [
    { label: newUser, detail: 'Creates the user and a token to give them' },
    ...users.filter((user) => !user.disabled && !reviewing.has(user.id)).map((user) => ({ label: user.name, description: user.role, entry: `user:${user.id}` })),
    ...roles.filter((role) => !policy.reviewers.includes(`role:${role}`)).map((role) => ({ label: `role:${role}`, description: `every ${role}`, entry: `role:${role}` })),
  ];
  const choice = await vscode.window.showQuickPick(items, {
    title: `Forge: Add Reviewer to ${environment.name}`,
    placeHolder: `${policy.required} approvals needed; ${others} ${others === 1 ? 'reviewer' : 'reviewers'} besides you today`,
  });
  if (!choice) return undefined;
  if (choice.entry) return choice.entry;
  const created = await addUser(connection);
  return created ? `user:${created.user.id}` : undefined;
}

async function askUserName(connection: ForgeConnection): Promise<string | undefined> {
  const taken = new Set((await connection.client.listAllUsers()).map((user) => user.name));
  const name = await vscode.window.showInputBox({
    title: 'Forge: Add User — name',
    prompt: 'A user name of letters, digits and ._@- (e.g. rita or rita@example.com)',
    ignoreFocusOut: true,
    validateInput: (value) =>
      !userNamePattern.test(value.trim())
        ? 'Letters, digits and ._@-, starting with a letter or digit'
        : taken.has(value.trim())
          ? `${value.trim()} exists already`
          : undefined,
  });
  return name?.trim();
}

async function pickRole(title: string, suggested: Role): Promise<Role | undefined> {
  const ordered = [suggested, ...roles.filter((role) => role !== suggested)];
  const choice = await vscode.window.showQuickPick(
    ordered.map((role) => ({ label: role, detail: roleDescriptions[role], role })),
    { title, placeHolder: 'Role' },
  );
  return choice?.role;
}

async function pickUser(connection: ForgeConnection, title: string): Promise<User | undefined> {
  const users = (await connection.client.listAllUsers()).filter((user) => !user.disabled);
  const choice = await vscode.window.showQuickPick(
    users.map((user) => ({ label: user.name, description: user.role, user })),
    { title, placeHolder: 'User' },
  );
  return choice?.user;
}
