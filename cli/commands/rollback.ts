import type { ForgeCommand } from '../commandLine/forgeCommand';
import { examplesHelp } from '../output/helpExamples';
import { breakGlassOf, withReleaseOptions, type ReleaseCommandOptions } from '../releases/releaseOptions';
import { dryRunOption, dryRunReport } from '../releases/dryRunReport';
import { reportRelease } from '../releases/reportRelease';
import { connect } from '../service/serviceConnection';

interface RollbackOptions extends ReleaseCommandOptions {
  env: string;
  to?: string;
  reason: string;
  dryRun?: boolean;
}

/** `forge-release rollback --env <name> [--to <version>] --reason <text> [--wait] [--dry-run]`. */
export function registerRollbackCommand(program: ForgeCommand): void {
  withReleaseOptions(
    program
      .command('rollback')
      .description('re-activate a version that ran in the environment before (default: the one before the current)')
      .requiredOption('--env <name>', 'the environment to roll back')
      .option('--to <version>', 'the version to return to (it must have succeeded there before)')
      .requiredOption('--reason <text>', 'why: kept on the release and in the audit log')
      .option(...dryRunOption),
  )
    .addHelpText(
      'after',
      examplesHelp([
        'rollback --env production --reason "intake error rate up" --wait',
        'rollback --env staging --to v1.1.0 --reason "bad prompt"',
        'rollback --env production --reason "check first" --dry-run',
      ]),
    )
    .prints('the release (with --dry-run: the verdict and plan; progress goes to stderr)', async (options: RollbackOptions) => {
      const client = connect(options);
      const request = { ...(options.to ? { version: options.to } : {}), reason: options.reason, ...breakGlassOf(options) };
      if (options.dryRun) return dryRunReport(await client.dryRunRollback(options.env, request));
      return reportRelease(client, await client.rollback(options.env, request), options);
    });
}
