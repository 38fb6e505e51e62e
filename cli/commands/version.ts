import { Option, type Command } from 'commander';
import type { Version } from '../../core/api/version';
import { plural } from '../format/plural';
import { examplesHelp } from '../output/helpExamples';
import { positiveInteger } from '../output/positiveInteger';
import { printJson } from '../output/printJson';
import { formatTable } from '../output/table';
import { connect, withConnectionOptions, type ConnectionOptions } from '../service/serviceConnection';
import { createVersion } from '../versions/createVersion';
import { repoOption, repositoryPath } from '../workspace/gitRepositoryPath';

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
  json?: boolean;
}

/** `forge-release version create|list`. */
export function registerVersionCommand(program: Command): void {
  const version = program.command('version').description('create a version from HEAD (tag, push, register) or list the registered ones');

  withConnectionOptions(
    version
      .command('create')
      .description('tag HEAD as the next version (bump inferred from the DAG diff against the previous tag), push the tag, and register it with its artifacts and default change set')
      .addOption(new Option('--bump <bump>', 'which part to increase; auto infers it from the DAG diff (DAG.md §6)').choices(bumpChoices).default('auto'))
      .option('-m, --message <text>', 'the annotated tag\'s message (default "Release <tag>")')
      .option('--push', 'push the tag to the remote before registering')
      .option('--remote <name>', 'the remote to push to', 'origin')
      .option(...repoOption)
      .option('--json', 'print the registered version as JSON'),
  )
    .addHelpText('after', examplesHelp(['version create --push', 'version create --bump minor --message "Claims intake: fraud review" --push --remote upstream'], `The working tree's artifact files must be committed: a version tags what is committed. A --bump smaller than
the inferred one still tags, with a warning: the semver-policy gate will refuse it for production.`))
    .action(async (options: CreateOptions) => {
      const info = options.json ? process.stderr : process.stdout;
      const request = { repo: repositoryPath(options.repo), bump: options.bump, message: options.message, pushTo: options.push ? options.remote : undefined };
      const { version: registered, registration } = await createVersion(connect(options), request, (line) => info.write(`${line}\n`));
      if (options.json) printJson(registered);
      else info.write(`${describeRegistration(registered, registration.pullRequests)}\n`);
      if (!registered.valid) {
        process.stderr.write(`forge-release: warning: ${registered.tag} has validation errors; the validation gate will refuse to deploy it (run forge-release validate)\n`);
      }
    });

  withConnectionOptions(
    version
      .command('list')
      .description('list the registered versions, newest first')
      .option('--limit <n>', 'how many (1–500)', positiveInteger, 50)
      .option('--json', 'print the page of versions as JSON ({items, nextCursor})'),
  ).addHelpText('after', examplesHelp(['version list', 'version list --limit 5 --json']))
    .action(async (options: ListOptions) => {
    const page = await connect(options).listVersions({ limit: options.limit });
    if (options.json) return printJson(page);
    process.stdout.write(formatTable(
      ['TAG', 'VALID', 'DECLARED', 'INFERRED', 'ARTIFACTS', 'CREATED BY', 'CREATED AT'],
      page.items.map((v) => [v.tag, v.valid ? 'yes' : 'no', v.declaredBump, v.inferredBump, String(v.artifacts.length), v.createdBy, v.createdAt]),
      'no versions registered',
    ));
  });
}

/** `registered v1.2.0 (valid, 7 artifacts, inferred bump minor; change set with PRs #4, #5)`. */
function describeRegistration(version: Version, pullRequests: readonly number[]): string {
  const changes = pullRequests.length > 0 ? `; change set with PRs ${pullRequests.map((n) => `#${n}`).join(', ')}` : '';
  return `registered ${version.tag} (${version.valid ? 'valid' : 'invalid'}, ${plural(version.artifacts.length, 'artifact')}, inferred bump ${version.inferredBump}${changes})`;
}
