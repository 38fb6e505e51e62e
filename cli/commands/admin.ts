import { existsSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { RecoveryError, recoverAdminToken, type RecoveredToken } from '../../server/auth/recoverAdminToken';
import { ServiceConfigError, serviceOptions } from '../../server/main';
import { filePathOf, withoutCredentials } from '../../server/store/databaseUrl';
import { openDatabase } from '../../server/store/openDatabase';
import type { ForgeCommand } from '../commandLine/forgeCommand';
import { OperationFailedError, UsageError } from '../errors';
import { examplesHelp } from '../output/helpExamples';
import { printsJson, type PrintOptions } from '../output/printed';

interface AdminTokenOptions extends PrintOptions {
  user?: string;
  name: string;
  dataDir?: string;
  dbUrl?: string;
}

/** `forge-release admin token [--user <admin>] [--data-dir <dir> | --db-url <url>]`: recovery for a lost admin token. */
export function registerAdminCommand(program: ForgeCommand): void {
  const admin = program.command('admin').description('recovery for whoever runs the service: works on its database directly, not through the API');
  admin
    .command('token')
    .description('make a new API token for an admin straight in the service database (for a lost first-admin token); audited as token.created')
    .option('--user <name>', 'the admin to make it for (default: the first admin)')
    .option('--name <label>', "the token's name", 'recovery')
    .option('--data-dir <dir>', "the service's data directory (env FORGE_DATA_DIR, default ./.forge)")
    .option('--db-url <url>', 'the service database instead: postgres://… or file:… (env FORGE_DB_URL)')
    .addHelpText(
      'after',
      examplesHelp(
        ['admin token --data-dir /var/lib/forge', 'admin token --db-url postgres://forge:secret@db.internal:5432/forge --user ada'],
        'The token is printed alone on stdout, so FORGE_TOKEN=$(forge-release admin token …) captures it. Anyone who can\nread the data directory or the database URL can do this: protect them as you protect the admin.',
      ),
    )
    .prints('{userId, user, tokenId, name, createdAt, token}', async (options: AdminTokenOptions) => {
      const recovered = await recover(options);
      if (!printsJson(options))
        process.stderr.write(`token ${recovered.tokenId} "${recovered.name}" for admin ${recovered.user}, audited as token.created (shown only this once):\n`);
      return { data: recovered, text: () => `${recovered.token}\n` };
    });
}

async function recover(options: AdminTokenOptions): Promise<RecoveredToken> {
  let settings: { dbUrl: string; dbAuthToken?: string };
  try {
    settings = serviceOptions({ dataDir: options.dataDir }, { ...process.env, ...(options.dbUrl ? { FORGE_DB_URL: options.dbUrl } : {}) });
  } catch (error) {
    if (error instanceof ServiceConfigError) throw new UsageError(error.message);
    throw error;
  }
  // Opening a file URL would create an empty database: a wrong --data-dir must say so instead.
  if (settings.dbUrl.startsWith('file:') && !existsSync(filePathOf(settings.dbUrl))) {
    throw new UsageError(`no service database at ${filePathOf(settings.dbUrl)}: pass the service's --data-dir or --db-url`);
  }
  const db = await openDatabase(settings.dbUrl, { authToken: settings.dbAuthToken });
  try {
    return await recoverAdminToken(db, { userName: options.user, tokenName: options.name, recoveredBy: `${userInfo().username}@${hostname()}` }, new Date());
  } catch (error) {
    if (error instanceof RecoveryError) throw new OperationFailedError(`admin token: ${withoutCredentials(settings.dbUrl)}: ${error.message}`);
    throw error;
  } finally {
    await db.close();
  }
}
