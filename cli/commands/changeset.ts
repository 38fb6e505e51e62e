import { mergedPullRequests } from '../../git/mergedPullRequests';
import { latestVersionTag } from '../../git/semverTags';
import { changeSetOf } from '../../git/versionRegistration';
import type { ForgeCommand } from '../commandLine/forgeCommand';
import { OperationFailedError, UsageError } from '../errors';
import { examplesHelp } from '../output/helpExamples';
import { positiveInteger } from '../output/positiveInteger';
import { formatTable } from '../output/table';
import { connect, withConnectionOptions, type ConnectionOptions } from '../service/serviceConnection';
import { repoOption, workflowRepositoryPath } from '../workspace/gitRepositoryPath';

interface CreateOptions extends ConnectionOptions {
  from?: string;
  to: string;
  pr?: number[];
  repo: string;
}

interface ListOptions extends ConnectionOptions {
  limit: number;
}

const collectNumbers = (text: string, previous: number[] = []) => [...previous, positiveInteger(text)];

/** `forge-release changeset create|list`. */
export function registerChangeSetCommand(program: ForgeCommand): void {
  const changeset = program.command('changeset').description('group merged pull requests into named change sets, or list them');

  withConnectionOptions(
    changeset
      .command('create')
      .description('create a named change set from the pull requests merged between two refs (found in git history)')
      .argument('<name>', 'the change set\'s name, e.g. "fraud review"')
      .option('--from <ref>', 'exclusive start (default: the latest version tag reachable from --to)')
      .option('--to <ref>', 'inclusive end', 'HEAD')
      .option('--pr <number>', 'only this pull request (repeat for several)', collectNumbers)
      .option(...repoOption),
  )
    .addHelpText(
      'after',
      examplesHelp(
        ['changeset create "fraud review" --pr 41 --pr 43', 'changeset create "Q3 hardening" --from v1.4.0 --to main'],
        'Pull requests are merge commits "Merge pull request #N from …" and squash commits "… (#N)" on the first-parent line.',
      ),
    )
    .prints('the change set', async (name: string, options: CreateOptions) => {
      if (!name.trim()) throw new UsageError('<name> must not be empty');
      const repo = workflowRepositoryPath(options.repo);
      const client = connect(options);
      const from = options.from ?? (await latestVersionTag(repo, options.to))?.tag ?? null;
      const merged = await mergedPullRequests(repo, { from, to: options.to });
      const wanted = options.pr ? new Set(options.pr) : null;
      const chosen = wanted ? merged.filter((pr) => wanted.has(pr.number)) : merged;
      const missing = [...(wanted ?? [])].filter((n) => !chosen.some((pr) => pr.number === n));
      if (missing.length > 0) {
        throw new UsageError(`--pr: no pull request ${missing.map((n) => `#${n}`).join(', ')} was merged between ${from ?? 'the first commit'} and ${options.to}`);
      }
      if (chosen.length === 0) throw new OperationFailedError(`no pull request was merged between ${from ?? 'the first commit'} and ${options.to}`);
      const created = await client.createChangeSet(changeSetOf(name, chosen));
      return {
        data: created,
        text: () =>
          `created change set ${created.id} "${created.name}": PRs ${created.pullRequests.map((pr) => `#${pr.number}`).join(', ')}; ${created.artifacts.length} artifact files\n`,
      };
    });

  withConnectionOptions(changeset.command('list').description('list change sets, newest first').option('--limit <n>', 'how many (1–500)', positiveInteger, 50))
    .addHelpText('after', examplesHelp(['changeset list', 'changeset list --limit 10 --json']))
    .prints('the page of change sets ({items, nextCursor})', async (options: ListOptions) => {
      const page = await connect(options).listChangeSets({ limit: options.limit });
      return {
        data: page,
        text: () =>
          formatTable(
            ['ID', 'NAME', 'PULL REQUESTS', 'VERSIONS', 'CREATED BY'],
            page.items.map((c) => [c.id, c.name, c.pullRequests.map((pr) => `#${pr.number}`).join(' '), c.versions.join(' ') || '—', c.createdBy]),
            'no change sets',
          ),
      };
    });
}
