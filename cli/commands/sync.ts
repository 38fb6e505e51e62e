import type { Command } from 'commander';
import { fetchTags } from '../../git/remoteTags';
import { syncVersionTags } from '../../git/versionRegistration';
import { plural } from '../format/plural';
import { examplesHelp } from '../output/helpExamples';
import { printJson } from '../output/printJson';
import { clientVersionRegistry } from '../../client/clientVersionRegistry';
import { connect, withConnectionOptions, type ConnectionOptions } from '../service/serviceConnection';
import { repoOption, repositoryPath } from '../workspace/gitRepositoryPath';

interface SyncOptions extends ConnectionOptions {
  repo: string;
  fetch?: boolean;
  remote: string;
  json?: boolean;
}

/** `forge-release sync`: registers every version tag of the repository the service does not know yet. */
export function registerSyncCommand(program: Command): void {
  withConnectionOptions(
    program
      .command('sync')
      .description("register every v<semver> tag of the local repository that the service does not know yet, oldest first, each with its default change set (the PRs merged since the previous tag)")
      .option(...repoOption)
      .option('--fetch', 'fetch the remote\'s tags first')
      .option('--remote <name>', 'the remote --fetch reads', 'origin')
      .option('--json', 'print what was registered as JSON ({registered, alreadyRegistered})'),
  )
    .addHelpText('after', examplesHelp(['sync', 'sync --fetch --json'], `Registering a tag that is already registered with the same content is harmless, so sync can run on every push.
In CI, check out with the full history (actions/checkout with fetch-depth: 0) so the tags and PRs are there.`))
    .action(async (options: SyncOptions) => {
      const repo = repositoryPath(options.repo);
      const client = connect(options);
      if (options.fetch) await fetchTags(repo, { remote: options.remote });
      const outcome = await syncVersionTags(repo, clientVersionRegistry(client));
      if (options.json) return printJson(outcome);
      for (const registration of outcome.registered) {
        const prs = registration.pullRequests.length > 0 ? ` with PRs ${registration.pullRequests.map((n) => `#${n}`).join(', ')}` : '';
        process.stdout.write(`registered ${registration.tag} (${registration.commit.slice(0, 12)})${prs}\n`);
      }
      process.stdout.write(`${plural(outcome.registered.length, 'tag')} registered, ${outcome.alreadyRegistered} already known\n`);
    });
}
