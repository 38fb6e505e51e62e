import type { ForgeCommand } from '../commandLine/forgeCommand';
import { examplesHelp } from '../output/helpExamples';
import { breakGlassOf, withReleaseOptions, type ReleaseCommandOptions } from '../releases/releaseOptions';
import { dryRunOption, dryRunReport } from '../releases/dryRunReport';
import { reportRelease } from '../releases/reportRelease';
import { connect } from '../service/serviceConnection';

interface DeployOptions extends ReleaseCommandOptions {
  env: string;
  dryRun?: boolean;
}

/** `forge-release deploy <version> --env <name> [--wait] [--dry-run]`. */
export function registerDeployCommand(program: ForgeCommand): void {
  withReleaseOptions(
    program
      .command('deploy')
      .description('deploy a registered version to an environment (its quality gates decide; production waits for approvals)')
      .argument('<version>', 'the version tag, e.g. v1.2.0')
      .requiredOption('--env <name>', 'the environment to deploy to')
      .option(...dryRunOption),
  )
    .addHelpText('after', examplesHelp(['deploy v1.2.0 --env development --wait', 'deploy v1.2.0 --env production --dry-run']))
    .prints('the release (with --dry-run: the verdicts and plan; progress goes to stderr)', async (version: string, options: DeployOptions) => {
      const client = connect(options);
      if (options.dryRun) return dryRunReport(await client.dryRun(version, options.env, breakGlassOf(options)));
      return reportRelease(client, await client.deploy(version, options.env, breakGlassOf(options)), options);
    });
}
