import type { Command } from 'commander';
import { reportRelease, type ReleaseOutputOptions } from '../releases/runReleaseRequest';
import { connect, withConnectionOptions, type ConnectionOptions } from '../service/serviceConnection';
import { examplesHelp } from '../output/helpExamples';

interface PromoteOptions extends ConnectionOptions, ReleaseOutputOptions {
  env: string;
  from?: string;
  breakGlass?: string;
}

/** `forge-release promote --env <name> [--from <env>] [--wait]`. */
export function registerPromoteCommand(program: Command): void {
  withConnectionOptions(
    program
      .command('promote')
      .description('deploy to an environment the version active in the one before it in the chain (or --from)')
      .requiredOption('--env <name>', 'the environment to promote to')
      .option('--from <name>', 'take the version active in this environment instead')
      .option('--wait', 'follow the release until it succeeds or fails (exit 1 when it fails, is rejected or expires)')
      .option('--break-glass <reason>', 'admins only: promote through a freeze window, with the reason audited')
      .option('--json', 'print the release as JSON'),
  )
    .addHelpText('after', examplesHelp(['promote --env staging --wait', "promote --env production --wait     # waits for the reviewers' approvals"]))
    .action(async (options: PromoteOptions) => {
      const client = connect(options);
      const release = await client.promote(options.env, options.from, options.breakGlass ? { override: { reason: options.breakGlass } } : {});
      await reportRelease(client, release, options);
    });
}
