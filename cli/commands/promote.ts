import type { ForgeCommand } from '../commandLine/forgeCommand';
import { examplesHelp } from '../output/helpExamples';
import { breakGlassOf, withReleaseOptions, type ReleaseCommandOptions } from '../releases/releaseOptions';
import { dryRunOption, dryRunReport } from '../releases/dryRunReport';
import { reportRelease } from '../releases/reportRelease';
import { connect } from '../service/serviceConnection';

interface PromoteOptions extends ReleaseCommandOptions {
  env: string;
  from?: string;
  dryRun?: boolean;
}

/** `forge-release promote --env <name> [--from <env>] [--wait] [--dry-run]`. */
export function registerPromoteCommand(program: ForgeCommand): void {
  withReleaseOptions(
    program
      .command('promote')
      .description('deploy to an environment the version active in the one before it in the chain (or --from)')
      .requiredOption('--env <name>', 'the environment to promote to')
      .option('--from <name>', 'take the version active in this environment instead')
      .option(...dryRunOption),
  )
    .addHelpText(
      'after',
      examplesHelp(['promote --env staging --wait', "promote --env production --wait     # waits for the reviewers' approvals", 'promote --env production --dry-run']),
    )
    .prints('the release (with --dry-run: the verdicts and plan; progress goes to stderr)', async (options: PromoteOptions) => {
      const client = connect(options);
      if (options.dryRun) return dryRunReport(await client.dryRunPromotion(options.env, options.from, breakGlassOf(options)));
      return reportRelease(client, await client.promote(options.env, options.from, breakGlassOf(options)), options);
    });
}
