import type { Command } from 'commander';
import { reportRelease, type ReleaseOutputOptions } from '../releases/runReleaseRequest';
import { connect, withConnectionOptions, type ConnectionOptions } from '../service/serviceConnection';
import { examplesHelp } from '../output/helpExamples';

interface RollbackOptions extends ConnectionOptions, ReleaseOutputOptions {
  env: string;
  to?: string;
  reason: string;
  breakGlass?: string;
}

/** `forge-release rollback --env <name> [--to <version>] --reason <text> [--wait]`. */
export function registerRollbackCommand(program: Command): void {
  withConnectionOptions(
    program
      .command('rollback')
      .description('re-activate a version that ran in the environment before (default: the one before the current)')
      .requiredOption('--env <name>', 'the environment to roll back')
      .option('--to <version>', 'the version to return to (it must have succeeded there before)')
      .requiredOption('--reason <text>', 'why: kept on the release and in the audit log')
      .option('--wait', 'follow the release until it succeeds or fails (exit 1 when it fails)')
      .option('--break-glass <reason>', 'admins only: roll back through a freeze window, with the reason audited')
      .option('--json', 'print the release as JSON'),
  )
    .addHelpText('after', examplesHelp(['rollback --env production --reason "intake error rate up" --wait', 'rollback --env staging --to v1.1.0 --reason "bad prompt"']))
    .action(async (options: RollbackOptions) => {
      const client = connect(options);
      const release = await client.rollback(options.env, {
        ...(options.to ? { version: options.to } : {}),
        reason: options.reason,
        ...(options.breakGlass ? { override: { reason: options.breakGlass } } : {}),
      });
      await reportRelease(client, release, options);
    });
}
