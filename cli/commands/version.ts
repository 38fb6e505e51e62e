import { Option, type Command } from 'commander';
import type { Version } from '../../core/api/version';
import { compareBumps, type Bump } from '../../core/diff/bump';
import { nextVersion } from '../../core/versioning/nextVersion';
import { createAnnotatedTag } from '../../git/annotatedTag';
import { pushTag } from '../../git/remoteTags';
import { listVersionTags } from '../../git/semverTags';
import { registerVersionTag } from '../../git/versionRegistration';
import { proposeVersion } from '../../git/versionProposal';
import { artifactWorkingTreeStatus } from '../../git/workingTree';
import { OperationFailedError } from '../errors';
import { plural } from '../format/plural';
import { positiveInteger } from '../output/positiveInteger';
import { printJson } from '../output/printJson';
import { formatTable } from '../output/table';
import { clientVersionRegistry } from '../service/clientVersionRegistry';
import { connect, withConnectionOptions, type ConnectionOptions } from '../service/serviceConnection';
import { repoOption, repositoryPath } from '../workspace/gitRepositoryPath';
import { examplesHelp } from '../output/helpExamples';

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
      const repo = repositoryPath(options.repo);
      const client = connect(options);
      // Fail on an unreachable service or a bad token before anything is tagged.
      await client.me();
      const status = await artifactWorkingTreeStatus(repo);
      if (!status.clean) {
        throw new OperationFailedError(`commit the artifact changes first, a version tags what is committed: ${status.changed.slice(0, 5).join(', ')}`);
      }
      const proposal = await proposeVersion(repo);
      if (proposal.previous?.commit === proposal.head) {
        throw new OperationFailedError(`HEAD is already tagged ${proposal.previous.tag}; commit something to version first`);
      }
      const inferred = proposal.diff.bump;
      const bump: Bump = options.bump === 'auto' ? inferred : options.bump;
      const tag = nextVersion(proposal.previous?.tag, bump);
      const info = options.json ? process.stderr : process.stdout;
      if (compareBumps(bump, inferred) < 0) {
        process.stderr.write(`forge-release: warning: the changes call for a ${inferred} bump, ${tag} declares ${bump}; the semver-policy gate will refuse it\n`);
      }
      const message = options.message?.trim() || `Release ${tag}`;
      const created = await createAnnotatedTag(repo, { tag, message });
      const against = proposal.previous ? ` against ${proposal.previous.tag}` : '';
      info.write(`tagged ${tag} at ${created.commit.slice(0, 12)} (${inferred} inferred from ${plural(proposal.diff.changes.length, 'change')}${against})\n`);
      // The tag exists from here on: a later failure says how to finish by hand rather than tagging again.
      const registration = await finishing(`${tag} is tagged; push it with git push ${options.remote} ${tag}, then run forge-release sync`, async () => {
        if (options.push) {
          await pushTag(repo, tag, { remote: options.remote });
          info.write(`pushed ${tag} to ${options.remote}\n`);
        }
        const tags = (await listVersionTags(repo)).map((item) => item.tag);
        return registerVersionTag(repo, clientVersionRegistry(client), { tag, commit: created.commit, message }, tags);
      });
      const registered = await client.getVersion(tag);
      if (options.json) printJson(registered);
      else info.write(`${describeRegistration(registered, registration.pullRequests)}\n`);
      if (!registered.valid) {
        process.stderr.write(`forge-release: warning: ${tag} has validation errors; the validation gate will refuse to deploy it (run forge-release validate)\n`);
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

/** Runs the steps after tagging; when one fails, `hint` goes to stderr before the error itself. */
async function finishing<T>(hint: string, steps: () => Promise<T>): Promise<T> {
  try {
    return await steps();
  } catch (error) {
    process.stderr.write(`forge-release: ${hint}\n`);
    throw error;
  }
}

/** `registered v1.2.0 (valid, 7 artifacts, inferred bump minor; change set with PRs #4, #5)`. */
function describeRegistration(version: Version, pullRequests: readonly number[]): string {
  const changes = pullRequests.length > 0 ? `; change set with PRs ${pullRequests.map((n) => `#${n}`).join(', ')}` : '';
  return `registered ${version.tag} (${version.valid ? 'valid' : 'invalid'}, ${plural(version.artifacts.length, 'artifact')}, inferred bump ${version.inferredBump}${changes})`;
}
