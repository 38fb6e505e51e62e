import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { clientVersionRegistry } from '../../client/clientVersionRegistry';
import { ForgeApiError } from '../../client/forgeApiError';
import type { ForgeClient } from '../../client/forgeClient';
import type { Version } from '../../core/api/version';
import { forgeConfigFileName } from '../../core/config/forgeConfig';
import { compareBumps, type Bump } from '../../core/diff/bump';
import { nextVersion } from '../../core/versioning/nextVersion';
import { createAnnotatedTag } from '../../git/annotatedTag';
import { forgeConfigAtCommit } from '../../git/artifactsAtCommit';
import { pushTag } from '../../git/remoteTags';
import { listVersionTags } from '../../git/semverTags';
import { registerVersionTag, type TagRegistration } from '../../git/versionRegistration';
import { proposeVersion } from '../../git/versionProposal';
import { artifactWorkingTreeStatus } from '../../git/workingTree';
import { OperationFailedError } from '../errors';
import { plural } from '../format/plural';
import { describeGlobs } from '../workspace/repositoryArtifacts';
import { shownPath } from '../workspace/shownPath';

interface CreateVersionRequest {
  /** The workflow repository: the git root, or the sub-folder holding forge.json. */
  repo: string;
  /** `auto` takes the bump the DAG diff against the previous tag calls for. */
  bump: Bump | 'auto';
  message?: string;
  /** The remote to push the tag to; no push when absent. */
  pushTo?: string;
}

/** Where the steps are told: stdout, or stderr when stdout carries JSON. */
type Progress = (line: string) => void;

/**
 * `version create`: tags HEAD with the next version, pushes the tag, and registers it with its artifacts and
 * default change set. Before anything is tagged it refuses (exit 1) uncommitted artifact changes, an already
 * tagged HEAD, a HEAD without artifact files, and a tag the service already has.
 */
export async function createVersion(
  client: ForgeClient,
  request: CreateVersionRequest,
  progress: Progress,
): Promise<{ version: Version; registration: TagRegistration }> {
  // Fail on an unreachable service or a bad token before anything is tagged.
  await client.me();
  const status = await artifactWorkingTreeStatus(request.repo);
  if (!status.clean) {
    throw new OperationFailedError(`commit the artifact changes first, a version tags what is committed: ${status.changed.slice(0, 5).join(', ')}`);
  }
  const proposal = await proposeVersion(request.repo);
  if (proposal.previous?.commit === proposal.head) {
    throw new OperationFailedError(`HEAD is already tagged ${proposal.previous.tag}; commit something to version first`);
  }
  if (proposal.artifacts.length === 0) throw await noArtifactsError(request.repo, proposal.head);
  const inferred = proposal.diff.bump;
  const bump = request.bump === 'auto' ? inferred : request.bump;
  const tag = nextVersion(proposal.previous?.tag, bump);
  await assertTagFree(client, tag);
  if (compareBumps(bump, inferred) < 0) {
    process.stderr.write(`forge-release: warning: the changes call for a ${inferred} bump, ${tag} declares ${bump}; the semver-policy gate will refuse it\n`);
  }
  const message = request.message?.trim() || `Release ${tag}`;
  const created = await createAnnotatedTag(request.repo, { tag, message });
  const against = proposal.previous ? ` against ${proposal.previous.tag}` : '';
  progress(`tagged ${tag} at ${created.commit.slice(0, 12)} (${inferred} inferred from ${plural(proposal.diff.changes.length, 'change')}${against})`);

  // The tag exists from here on: a later failure says how to finish by hand rather than tagging again.
  let unpushed = request.pushTo;
  try {
    if (request.pushTo) {
      await pushTag(request.repo, tag, { remote: request.pushTo });
      unpushed = undefined;
      progress(`pushed ${tag} to ${request.pushTo}`);
    }
    const tags = (await listVersionTags(request.repo)).map((item) => item.tag);
    const registration = await registerVersionTag(request.repo, clientVersionRegistry(client), { tag, commit: created.commit, message }, tags);
    return { version: await client.getVersion(tag), registration };
  } catch (error) {
    const push = unpushed ? `push it with git push ${unpushed} ${tag}, then ` : '';
    process.stderr.write(`forge-release: ${tag} is tagged; ${push}run forge-release sync to register it\n`);
    throw error;
  }
}

/** A version registered under `tag` by someone else (whose tag this clone has not fetched) is refused before tagging. */
async function assertTagFree(client: ForgeClient, tag: string): Promise<void> {
  let registered: Version;
  try {
    registered = await client.getVersion(tag);
  } catch (error) {
    if (error instanceof ForgeApiError && error.status === 404) return;
    throw error;
  }
  throw new OperationFailedError(
    `${tag} is already registered with the service (commit ${registered.commit.slice(0, 12)}, by ${registered.createdBy}) but this clone has no such tag: fetch the tags (git fetch --tags) and try again`,
  );
}

async function noArtifactsError(repo: string, head: string): Promise<OperationFailedError> {
  const globs = describeGlobs(await forgeConfigAtCommit(repo, head));
  // A workflow repository in a sub-folder of a bigger one is found by its forge.json.
  const elsewhere = existsSync(join(repo, forgeConfigFileName))
    ? ''
    : `; if the workflows live in a sub-folder with its own ${forgeConfigFileName}, run this there or pass --repo <folder>`;
  return new OperationFailedError(`HEAD has no artifact files in ${shownPath(process.cwd(), repo)} (looked for ${globs}): a version needs at least one${elsewhere}`);
}
