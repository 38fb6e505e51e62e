import type { ForgeCommand } from '../commandLine/forgeCommand';
import { examplesHelp } from '../output/helpExamples';
import { breakGlassOf, withReleaseOptions, type ReleaseCommandOptions } from '../releases/releaseOptions';
import { reportRelease } from '../releases/reportRelease';
import { connect } from '../service/serviceConnection';

interface RollbackOptions extends ReleaseCommandOptions {
  env: string;
  to?: string;
  reason: string;
}

/** `forge-release rollback --env <name> [--to <version>] --reason <text> [--wait]`. */
export function registerRollbackCommand(program: ForgeCommand): void {
  withReleaseOptions(
    program
      .command('rollback')
      .description('re-activate a version that ran in the environment before (default: the one before the current)')
      .requiredOption('--env <name>', 'the environment to roll back')
      .option('--to <version>', 'the version to return to (it must have succeeded there before)')
      .requiredOption('--reason <text>', 'why: kept on the release and in the audit log'),
  )
    .addHelpText('after', examplesHelp(['rollback --env production --reason "intake error rate up" --wait', 'rollback --env staging --to v1.1.0 --reason "bad prompt"']))
    .prints('the release (progress goes to stderr)', async (options: RollbackOptions) => {
      const client = connect(options);
      const release = await client.rollback(options.env, { ...(options.to ? { version: options.to } : {}), reason: options.reason, ...breakGlassOf(options) });
      return reportRelease(client, release, options);
    });
}
