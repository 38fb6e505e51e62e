import type { ForgeCommand } from '../commandLine/forgeCommand';
import { examplesHelp } from '../output/helpExamples';
import type { PrintOptions } from '../output/printed';
import { waitOption } from '../releases/releaseOptions';
import { releaseDetails } from '../releases/releaseText';
import { reportRelease } from '../releases/reportRelease';
import { connect, withConnectionOptions, type ConnectionOptions } from '../service/serviceConnection';

/** `forge-release release show <id>` and `forge-release release wait <id>`. */
export function registerReleaseCommand(program: ForgeCommand): void {
  const release = program.command('release').description('one release: its state, gates and approvals, or follow it to its end');

  withConnectionOptions(
    release
      .command('show')
      .description('show a release: status, who requested it, each gate verdict and each reviewer decision')
      .argument('<id>', 'the release, as deploy, promote, rollback or approvals list show it'),
  )
    .addHelpText('after', examplesHelp(['release show 6f1c2d3e-…', 'release show 6f1c2d3e-… --json']))
    .prints('the release', async (id: string, options: ConnectionOptions) => {
      const client = connect(options);
      const found = await client.getRelease(id);
      const approval = found.approval === 'not-required' ? null : await client.getApproval(id);
      return { data: found, text: () => releaseDetails(found, approval) };
    });

  withConnectionOptions(
    release
      .command('wait')
      .description(
        'follow a release until it succeeds or fails and through its verification window, as --wait does (exit 1 when it fails, is rejected or expires; 4 when verification fails; 5 when it is inconclusive)',
      )
      .argument('<id>', 'the release, as deploy, promote, rollback or approvals list show it'),
  )
    .addHelpText(
      'after',
      examplesHelp(
        ['release wait 6f1c2d3e-…', 'release wait "$(forge-release deploy v1.2.0 --env production --json | jq -r .id)"'],
        `Progress goes to stdout (stderr with --json), one line per change when stdout is not a terminal, as with ${waitOption[0]}.`,
      ),
    )
    .prints('the finished release (progress goes to stderr)', async (id: string, options: ConnectionOptions & PrintOptions) => {
      const client = connect(options);
      return reportRelease(client, await client.getRelease(id), { ...options, wait: true });
    });
}
