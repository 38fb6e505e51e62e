import { Option, type Command } from 'commander';
import { roles, type Role } from '../../core/access/roles';
import { examplesHelp } from '../output/helpExamples';
import { printJson } from '../output/printJson';
import { connect, withConnectionOptions, type ConnectionOptions } from '../service/serviceConnection';

interface CreateOptions extends ConnectionOptions {
  role: Role;
  json?: boolean;
}

interface TokenOptions extends ConnectionOptions {
  name: string;
  json?: boolean;
}

/** `forge-release user create <name> --role <role>` and `forge-release user token <user-id> [--name]`. */
export function registerUserCommand(program: Command): void {
  const user = program.command('user').description('users and their API tokens (admins; anyone for their own tokens)');

  withConnectionOptions(
    user
      .command('create')
      .description('create a user with a role')
      .argument('<name>', 'the user\'s name, e.g. ada or ada@example.com')
      .addOption(new Option('--role <role>', 'what the user may do (README: roles)').choices(roles).makeOptionMandatory())
      .option('--json', 'print the user as JSON'),
  )
    .addHelpText('after', examplesHelp(['user create ada --role maintainer', 'user token "$(forge-release user create ci-bot --role developer --json | jq -r .id)" --name github-actions']))
    .action(async (name: string, options: CreateOptions) => {
      const created = await connect(options).createUser({ name, role: options.role });
      if (options.json) return printJson(created);
      process.stdout.write(`created user ${created.name} (${created.role}): ${created.id}\n`);
    });

  withConnectionOptions(
    user
      .command('token')
      .description('create an API token for a user; it is printed this once and never stored in clear')
      .argument('<user-id>', 'the user\'s id (user create prints it)')
      .option('--name <label>', 'tells the user\'s tokens apart, e.g. ci or laptop', 'cli')
      .option('--json', 'print {id, userId, name, createdAt, token} as JSON'),
  ).addHelpText('after', examplesHelp(['user token 3b8e… --name laptop', 'user token 3b8e… --name ci --json'], 'The token is printed alone on stdout, so TOKEN=$(forge-release user token …) captures it.'))
    .action(async (userId: string, options: TokenOptions) => {
    const created = await connect(options).createToken(userId, options.name);
    if (options.json) return printJson(created);
    // The token alone on stdout, so TOKEN=$(forge-release user token …) works; the note goes to stderr.
    process.stderr.write(`token ${created.id} "${created.name}" for user ${created.userId} (shown only this once):\n`);
    process.stdout.write(`${created.token}\n`);
  });
}
