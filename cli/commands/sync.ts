import { clientVersionRegistry } from '../../client/clientVersionRegistry';
import { fetchTags } from '../../git/remoteTags';
import { syncVersionTags, type SyncOutcome } from '../../git/versionRegistration';
import type { ForgeCommand } from '../commandLine/forgeCommand';
import { OperationFailedError } from '../errors';
import { plural } from '../format/plural';
import { examplesHelp } from '../output/helpExamples';
import { connect, withConnectionOptions, type ConnectionOptions } from '../service/serviceConnection';
import { repoOption, workflowRepositoryPath } from '../workspace/gitRepositoryPath';

interface SyncOptions extends ConnectionOptions {
  repo: string;
  fetch?: boolean;
  remote: string;
}

/** `forge-release sync`: registers every version tag of the repository the service does not know yet. */
export function registerSyncCommand(program: ForgeCommand): void {
  withConnectionOptions(
    program
      .command('sync')
      .description(
        'register every v<semver> tag of the local repository that the service does not know yet, oldest first, each with its default change set (the PRs merged since the previous tag)',
      )
      .option(...repoOption)
      .option('--fetch', "fetch the remote's tags first")
      .option('--remote <name>', 'the remote --fetch reads', 'origin'),
  )
    .addHelpText(
      'after',
      examplesHelp(
        ['sync', 'sync --fetch --json'],
        `Registering a tag that is already registered with the same content is harmless, so sync can run on every push.
A tag that now points to another commit than its registered version is reported (exit 1): versions are immutable.
In CI, check out with the full history (actions/checkout with fetch-depth: 0) so the tags and PRs are there.`,
      ),
    )
    .prints('what was registered ({registered, alreadyRegistered, conflicts})', async (options: SyncOptions) => {
      const repo = workflowRepositoryPath(options.repo);
      const client = connect(options);
      if (options.fetch) await fetchTags(repo, { remote: options.remote });
      const outcome = await syncVersionTags(repo, clientVersionRegistry(client));
      const conflicts = outcome.conflicts.map((conflict) => conflict.tag);
      return {
        data: outcome,
        text: () => syncText(outcome),
        failure:
          conflicts.length > 0
            ? new OperationFailedError(
                `${plural(conflicts.length, 'tag')} moved since ${conflicts.length === 1 ? 'its version was' : 'their versions were'} registered: ${conflicts.join(', ')}; a version is immutable, so tag the new commit as a new version`,
              )
            : undefined,
      };
    });
}

function syncText(outcome: SyncOutcome): string {
  const lines = outcome.registered.map((registration) => {
    const prs = registration.pullRequests.length > 0 ? ` with PRs ${registration.pullRequests.map((n) => `#${n}`).join(', ')}` : '';
    return `registered ${registration.tag} (${registration.commit.slice(0, 12)})${prs}`;
  });
  for (const conflict of outcome.conflicts) {
    lines.push(`conflict ${conflict.tag}: the tag points to ${conflict.commit.slice(0, 12)}, its registered version to ${conflict.registeredCommit.slice(0, 12)}`);
  }
  const conflicts = outcome.conflicts.length > 0 ? `, ${plural(outcome.conflicts.length, 'conflict')}` : '';
  lines.push(`${plural(outcome.registered.length, 'tag')} registered, ${outcome.alreadyRegistered} already known${conflicts}`);
  return `${lines.join('\n')}\n`;
}
