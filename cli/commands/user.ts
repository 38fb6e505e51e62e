import { Option } from 'commander';
import { roles, type Role } from '../../core/access/roles';
import type { ForgeCommand } from '../commandLine/forgeCommand';
import { examplesHelp } from '../output/helpExamples';
import { positiveInteger } from '../output/positiveInteger';
import { printsJson, type PrintOptions } from '../output/printed';
import { formatTable } from '../output/table';
import { connect, withConnectionOptions, type ConnectionOptions } from '../service/serviceConnection';
import { resolveUserId } from '../users/resolveUserId';

interface CreateOptions extends ConnectionOptions {
  role: Role;
}

interface ListOptions extends ConnectionOptions {
  limit: number;
  cursor?: string;
}

interface TokenOptions extends ConnectionOptions, PrintOptions {
  name: string;
}

/** `forge-release user create <name> --role <role>`, `user list`, `user token <user> [--name]`, `user disable|enable <user>`. */
export function registerUserCommand(program: ForgeCommand): void {
  const user = program.command('user').description('users and their API tokens (admins; anyone for their own tokens)');

  withConnectionOptions(
    user
      .command('create')
      .description('create a user with a role')
      .argument('<name>', "the user's name, e.g. ada or ada@example.com")
      .addOption(new Option('--role <role>', 'what the user may do (README: roles)').choices(roles).makeOptionMandatory()),
  )
    .addHelpText('after', examplesHelp(['user create ada --role maintainer', 'user token ci-bot --name github-actions']))
    .prints('the user', async (name: string, options: CreateOptions) => {
      const created = await connect(options).createUser({ name, role: options.role });
      return { data: created, text: () => `created user ${created.name} (${created.role}): ${created.id}\n` };
    });

  withConnectionOptions(
    user
      .command('list')
      .description('list the users with their roles, newest first (admins)')
      .option('--limit <n>', 'how many (1–500)', positiveInteger, 50)
      .option('--cursor <cursor>', 'continue after a previous page (its nextCursor)'),
  )
    .addHelpText('after', examplesHelp(['user list', 'user list --json']))
    .prints('the page of users ({items, nextCursor})', async (options: ListOptions) => {
      const page = await connect(options).listUsers({ limit: options.limit, cursor: options.cursor });
      return {
        data: page,
        text: () => {
          const table = formatTable(
            ['NAME', 'ROLE', 'ID', 'CREATED AT', 'STATE'],
            page.items.map((u) => [u.name, u.role, u.id, u.createdAt, u.disabled ? 'disabled' : 'active']),
            'no users',
          );
          return page.nextCursor ? `${table}more: --cursor ${page.nextCursor}\n` : table;
        },
      };
    });

  withConnectionOptions(
    user
      .command('token')
      .description('create an API token for a user; it is printed this once and never stored in clear')
      .argument('<user>', "the user's name or id (yourself, or anyone for an admin)")
      .option('--name <label>', "tells the user's tokens apart, e.g. ci or laptop", 'cli'),
  )
    .addHelpText(
      'after',
      examplesHelp(
        ['user token ada --name laptop', 'user token ci-bot --name ci --json'],
        'The token is printed alone on stdout, so TOKEN=$(forge-release user token …) captures it.',
      ),
    )
    .prints('{id, userId, name, createdAt, token}', async (userNameOrId: string, options: TokenOptions) => {
      const client = connect(options);
      const created = await client.createToken(await resolveUserId(client, userNameOrId), options.name);
      // The token alone on stdout, so TOKEN=$(forge-release user token …) works; the note goes to stderr.
      if (!printsJson(options)) process.stderr.write(`token ${created.id} "${created.name}" for user ${created.userId} (shown only this once):\n`);
      return { data: created, text: () => `${created.token}\n` };
    });

  const switches = [
    ['disable', true, 'disable a user (admins): their tokens are refused from now on (within FORGE_CACHE_FRESHNESS_MS on other replicas); nothing is deleted'],
    ['enable', false, 'enable a disabled user again (admins): their tokens work again'],
  ] as const;
  for (const [name, disabled, description] of switches) {
    withConnectionOptions(user.command(name).description(description).argument('<user>', "the user's name or id"))
      .addHelpText('after', examplesHelp([`user ${name} ada`]))
      .prints('the user', async (userNameOrId: string, options: ConnectionOptions) => {
        const client = connect(options);
        const updated = await client.updateUser(await resolveUserId(client, userNameOrId), { disabled });
        return { data: updated, text: () => `${updated.disabled ? 'disabled' : 'enabled'} user ${updated.name} (${updated.role})\n` };
      });
  }
}
