import type { Command } from 'commander';
import { runService, ServiceConfigError, serviceOptions, type ServeFlags } from '../../server/main';
import { UsageError } from '../errors';

/** `forge-release serve [--port 3500] [--data-dir ./.forge]`: runs the release service until SIGTERM/SIGINT. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the release service (HTTP API on /api, embedded libSQL under the data dir unless FORGE_DB_URL is set)')
    .option('--port <port>', 'port to listen on (env FORGE_PORT, default 3500)')
    .option('--data-dir <dir>', 'folder for the embedded databases (env FORGE_DATA_DIR, default ./.forge)')
    .action(async (flags: ServeFlags) => {
      try {
        await runService(serviceOptions(flags, process.env));
      } catch (error) {
        if (error instanceof ServiceConfigError) throw new UsageError(error.message);
        throw error;
      }
    });
}
