import { runService, ServiceConfigError, serviceOptions, type ServeFlags } from '../../server/main';
import type { ForgeCommand } from '../commandLine/forgeCommand';
import { UsageError } from '../errors';
import { examplesHelp } from '../output/helpExamples';

/** `forge-release serve [--port 3500] [--data-dir ./.forge] [--repo <path-or-url>]`: runs the release service until SIGTERM/SIGINT. */
export function registerServeCommand(program: ForgeCommand): void {
  program
    .command('serve')
    .description('run the release service (HTTP API on /api, embedded libSQL under the data dir unless FORGE_DB_URL is set)')
    .option('--port <port>', 'port to listen on (env FORGE_PORT, default 3500; 0 picks a free one)')
    .option('--data-dir <dir>', 'folder for the embedded databases (env FORGE_DATA_DIR, default ./.forge)')
    .option('--repo <path-or-url>', 'watch this git repository and register every new v<semver> tag as a version (env FORGE_REPO)')
    .option('--poll-interval <ms>', 'with --repo: milliseconds between fetches, 0 for webhook only (env FORGE_POLL_INTERVAL_MS, default 60000)')
    .addHelpText(
      'after',
      examplesHelp(
        ['serve', 'serve --port 8080 --data-dir /var/lib/forge', 'serve --repo https://github.com/acme/claims-workflows.git --poll-interval 300000'],
        `Environment: FORGE_BOOTSTRAP_TOKEN (first admin's token), FORGE_DB_URL, FORGE_DB_AUTH_TOKEN, FORGE_SECRET_KEY,
FORGE_WEBHOOK_SECRET (HMAC secret of POST /api/hooks/git, X-Hub-Signature-256), FORGE_HOST, FORGE_LOG_LEVEL.`,
      ),
    )
    .action(async (flags: ServeFlags) => {
      try {
        await runService(serviceOptions(flags, process.env));
      } catch (error) {
        if (error instanceof ServiceConfigError) throw new UsageError(error.message);
        throw error;
      }
    });
}
