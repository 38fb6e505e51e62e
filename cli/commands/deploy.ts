import type { DryRun } from '../../core/api/release';
import type { ForgeCommand } from '../commandLine/forgeCommand';
import { gatewayPlanLines } from '../environments/gatewayText';
import { OperationFailedError } from '../errors';
import { examplesHelp } from '../output/helpExamples';
import type { Printed } from '../output/printed';
import { breakGlassOf, withReleaseOptions, type ReleaseCommandOptions } from '../releases/releaseOptions';
import { gateLines } from '../releases/releaseText';
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
      .option('--dry-run', 'only evaluate the gates and show the artifact plan (exit 1 when a gate would refuse)'),
  )
    .addHelpText('after', examplesHelp(['deploy v1.2.0 --env development --wait', 'deploy v1.2.0 --env production --dry-run']))
    .prints('the release (with --dry-run: the verdicts and plan; progress goes to stderr)', async (version: string, options: DeployOptions) => {
      const client = connect(options);
      if (options.dryRun) return dryRunReport(await client.dryRun(version, options.env, breakGlassOf(options)));
      return reportRelease(client, await client.deploy(version, options.env, breakGlassOf(options)), options);
    });
}

function dryRunReport(dryRun: DryRun): Printed {
  const { added, changed, removed } = dryRun.plan;
  const names = (entries: typeof added) => entries.map((entry) => `${entry.kind}/${entry.name}`).join(', ') || '—';
  return {
    data: dryRun,
    text: () => `${gateLines(dryRun.gates)}plan: added ${names(added)}; changed ${names(changed)}; removed ${names(removed)}\n`
      + gatewayPlanLines(dryRun.gateways)
      + (dryRun.wouldPass ? `would pass${dryRun.needsApproval ? ', then wait for approval' : ''}\n` : 'would be refused\n'),
    failure: dryRun.wouldPass ? undefined : new OperationFailedError('dry run: the gates would refuse this release'),
  };
}
