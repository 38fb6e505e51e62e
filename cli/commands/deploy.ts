import type { Command } from 'commander';
import type { DryRun } from '../../core/api/release';
import { gatewayPlanLines } from '../environments/gatewayText';
import { OperationFailedError } from '../errors';
import { examplesHelp } from '../output/helpExamples';
import { printJson } from '../output/printJson';
import { breakGlassOf, withReleaseOptions, type ReleaseCommandOptions } from '../releases/releaseOptions';
import { gateLines } from '../releases/releaseText';
import { reportRelease } from '../releases/reportRelease';
import { connect } from '../service/serviceConnection';

interface DeployOptions extends ReleaseCommandOptions {
  env: string;
  dryRun?: boolean;
}

/** `forge-release deploy <version> --env <name> [--wait] [--dry-run]`. */
export function registerDeployCommand(program: Command): void {
  withReleaseOptions(
    program
      .command('deploy')
      .description('deploy a registered version to an environment (its quality gates decide; production waits for approvals)')
      .argument('<version>', 'the version tag, e.g. v1.2.0')
      .requiredOption('--env <name>', 'the environment to deploy to')
      .option('--dry-run', 'only evaluate the gates and show the artifact plan (exit 1 when a gate would refuse)'),
    'print the release (with --dry-run: the verdicts and plan) as JSON',
  )
    .addHelpText('after', examplesHelp(['deploy v1.2.0 --env development --wait', 'deploy v1.2.0 --env production --dry-run']))
    .action(async (version: string, options: DeployOptions) => {
      const client = connect(options);
      if (options.dryRun) {
        reportDryRun(await client.dryRun(version, options.env, breakGlassOf(options)), options.json);
        return;
      }
      await reportRelease(client, await client.deploy(version, options.env, breakGlassOf(options)), options);
    });
}

function reportDryRun(dryRun: DryRun, json: boolean | undefined): void {
  if (json) printJson(dryRun);
  else {
    const { added, changed, removed } = dryRun.plan;
    const names = (entries: typeof added) => entries.map((entry) => `${entry.kind}/${entry.name}`).join(', ') || '—';
    process.stdout.write(`${gateLines(dryRun.gates)}plan: added ${names(added)}; changed ${names(changed)}; removed ${names(removed)}\n`);
    process.stdout.write(gatewayPlanLines(dryRun.gateways));
    process.stdout.write(dryRun.wouldPass ? `would pass${dryRun.needsApproval ? ', then wait for approval' : ''}\n` : 'would be refused\n');
  }
  if (!dryRun.wouldPass) throw new OperationFailedError('dry run: the gates would refuse this release');
}
