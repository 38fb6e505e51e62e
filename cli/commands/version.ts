import { Option } from 'commander';
import type { Version } from '../../core/api/version';
import { evaluateSemverPolicy } from '../../core/gates/semverPolicyGate';
import type { ForgeCommand } from '../commandLine/forgeCommand';
import { plural } from '../format/plural';
import { examplesHelp } from '../output/helpExamples';
import { positiveInteger } from '../output/positiveInteger';
import { progressOutput } from '../output/printed';
import { formatTable } from '../output/table';
import { connect, withConnectionOptions, type ConnectionOptions } from '../service/serviceConnection';
import { createVersion } from '../versions/createVersion';
import { repoOption, workflowRepositoryPath } from '../workspace/gitRepositoryPath';

const bumpChoices = ['auto', 'major', 'minor', 'patch'] as const;

interface CreateOptions extends ConnectionOptions {
  bump: (typeof bumpChoices)[number];
  message?: string;
  push?: boolean;
  remote: string;
  repo: string;
  json?: boolean;
}

interface ListOptions extends ConnectionOptions {
  limit: number;
}

/** `forge-release version create|list`. */
export function registerVersionCommand(program: ForgeCommand): void {
  const version = program.command('version').description('create a version from HEAD (tag, push, register) or list the registered ones');

  withConnectionOptions(
    version
      .command('create')
      .description(
        'tag HEAD as the next version (bump inferred from the DAG diff against the previous tag), push the tag, and register it with its artifacts and default change set',
      )
      .addOption(new Option('--bump <bump>', 'which part to increase; auto infers it from the DAG diff (DAG.md §6)').choices(bumpChoices).default('auto'))
      .option('-m, --message <text>', 'the annotated tag\'s message (default "Release <tag>")')
      .option('--push', 'push the tag to the remote before registering')
      .option('--remote <name>', 'the remote to push to', 'origin')
      .option(...repoOption),
  )
    .addHelpText(
      'after',
      examplesHelp(
        ['version create --push', 'version create --bump minor --message "Claims intake: fraud review" --push --remote upstream'],
        `The working tree's artifact files must be committed: a version tags what is committed. A --bump smaller than
the inferred one still tags, with a warning: the semver-policy gate will refuse it for production. Nothing is
tagged when HEAD has no artifact files or the service already has the next tag.`,
      ),
    )
    .prints('the registered version', async (options: CreateOptions) => {
      const info = progressOutput(options);
      const request = { repo: workflowRepositoryPath(options.repo), bump: options.bump, message: options.message, pushTo: options.push ? options.remote : undefined };
      const { version: registered, registration } = await createVersion(connect(options), request, (line) => info.write(`${line}\n`));
      if (!registered.valid) {
        process.stderr.write(
          `forge-release: warning: ${registered.tag} has validation errors; the validation gate will refuse to deploy it (run forge-release validate)\n`,
        );
      }
      return { data: registered, text: () => `${describeRegistration(registered, registration.pullRequests)}\n` };
    });

  withConnectionOptions(
    version
      .command('list')
      .description('list the registered versions, newest first, with the bump each declares and whether the semver policy accepts it')
      .option('--limit <n>', 'how many (1–500)', positiveInteger, 50),
  )
    .addHelpText(
      'after',
      examplesHelp(
        ['version list', 'version list --limit 5 --json'],
        `DECLARED is the bump the tag makes over its predecessor, and it is the one that counts: the semver-policy
gate requires it to be at least INFERRED, the bump the DAG diff against the predecessor calls for. A first
version has nothing to compare against.`,
      ),
    )
    .prints('the page of versions ({items, nextCursor})', async (options: ListOptions) => {
      const page = await connect(options).listVersions({ limit: options.limit });
      return {
        data: page,
        text: () =>
          formatTable(
            ['TAG', 'VALID', 'DECLARED', 'INFERRED', 'SEMVER POLICY', 'ARTIFACTS', 'CREATED BY', 'CREATED AT'],
            page.items.map((v) => [v.tag, v.valid ? 'yes' : 'no', ...bumpColumns(v), String(v.artifacts.length), v.createdBy, v.createdAt]),
            'no versions registered',
          ),
      };
    });
}

/** DECLARED, INFERRED and the semver-policy verdict: for a first version, that there is nothing to compare. */
function bumpColumns(version: Version): [string, string, string] {
  if (version.previousTag === null) return ['—', '—', 'first version: nothing to compare'];
  const verdict = evaluateSemverPolicy({ tag: version.tag, previousTag: version.previousTag, inferredBump: version.inferredBump });
  return [version.declaredBump, version.inferredBump, `${verdict.passed ? 'passes' : `refused: needs ${version.inferredBump}`} over ${version.previousTag}`];
}

/** `registered v1.2.0 (valid, 7 artifacts, inferred bump minor; change set with PRs #4, #5)`. */
function describeRegistration(version: Version, pullRequests: readonly number[]): string {
  const changes = pullRequests.length > 0 ? `; change set with PRs ${pullRequests.map((n) => `#${n}`).join(', ')}` : '';
  return `registered ${version.tag} (${version.valid ? 'valid' : 'invalid'}, ${plural(version.artifacts.length, 'artifact')}, inferred bump ${version.inferredBump}${changes})`;
}
