import { changeSetCreateSchema, type ChangeSetCreate, type PullRequest } from '../core/api/changeSet';
import { versionCreateSchema, type VersionCreate } from '../core/api/version';
import { findPredecessorTag } from '../core/versioning/predecessorTag';
import { readArtifactsAtCommit } from './artifactsAtCommit';
import { mergedPullRequests, type MergedPullRequest } from './mergedPullRequests';
import { listVersionTags, type VersionTag } from './semverTags';

/**
 * Where versions are registered: the service's own store (the repository watcher) or the service's API (the
 * CLI). Registering a tag twice with the same content must be harmless: that is what makes a poll and a
 * webhook racing on one tag register it once.
 */
export interface VersionRegistry {
  /** The ones of these tags that are registered already, each with the commit it was registered at. */
  registeredCommits(tags: readonly string[]): Promise<ReadonlyMap<string, string>>;
  createChangeSet(request: ChangeSetCreate): Promise<{ id: string }>;
  /** `created` is false when the tag was already registered with the same content. */
  registerVersion(request: VersionCreate): Promise<{ created: boolean }>;
}

/** What registering one tag did. */
export interface TagRegistration {
  tag: string;
  commit: string;
  /** False when another caller registered the same tag and content first. */
  created: boolean;
  /** The default change set (pull requests merged since the previous version tag); null when there were none. */
  changeSetId: string | null;
  pullRequests: number[];
  previousTag: string | null;
}

/** A tag that now points elsewhere than the commit its version was registered at: it was moved or re-created. */
export interface TagConflict {
  tag: string;
  /** The commit the tag points to in the repository. */
  commit: string;
  /** The commit the registered version holds. */
  registeredCommit: string;
}

/**
 * The outcome of a sync: the tags it registered, in semver order; how many were already registered as they are;
 * and the tags whose registered version holds another commit (registration would be refused, 409).
 */
export interface SyncOutcome {
  registered: TagRegistration[];
  alreadyRegistered: number;
  conflicts: TagConflict[];
}

// The API's limits on a version's message and a pull request's title.
const maxMessageLength = 10_000;
const maxTitleLength = 500;

/**
 * Registers every `v<semver>` tag of the repository that the registry does not know yet, oldest version first
 * (so each one's bump is inferred against an already registered predecessor), each with its default change set.
 * A known tag pointing to another commit than its registered version is reported, not counted as known.
 */
export async function syncVersionTags(repoPath: string, registry: VersionRegistry): Promise<SyncOutcome> {
  const tags = await listVersionTags(repoPath);
  const names = tags.map((tag) => tag.tag);
  const known = await registry.registeredCommits(names);
  const outcome: SyncOutcome = { registered: [], alreadyRegistered: 0, conflicts: [] };
  for (const tag of tags) {
    const registeredCommit = known.get(tag.tag);
    if (registeredCommit === undefined) outcome.registered.push(await registerVersionTag(repoPath, registry, tag, names));
    else if (registeredCommit === tag.commit) outcome.alreadyRegistered += 1;
    else outcome.conflicts.push({ tag: tag.tag, commit: tag.commit, registeredCommit });
  }
  return outcome;
}

/**
 * Registers one tag: every artifact at its commit, the tag's annotation as message, and a default change set of
 * the pull requests merged since its semver predecessor among `allTags`. The request is checked against the API
 * contract before anything is written, so a tag the service would refuse leaves no stray change set behind.
 */
export async function registerVersionTag(
  repoPath: string,
  registry: VersionRegistry,
  tag: Pick<VersionTag, 'tag' | 'commit' | 'message'>,
  allTags: readonly string[],
): Promise<TagRegistration> {
  const previousTag = findPredecessorTag(tag.tag, allTags) ?? null;
  const artifacts = await readArtifactsAtCommit(repoPath, tag.commit);
  const version = versionCreateSchema.parse({
    tag: tag.tag,
    commit: tag.commit,
    ...(tag.message ? { message: tag.message.slice(0, maxMessageLength) } : {}),
    artifacts: artifacts.map(({ kind, path, text }) => ({ kind, path, content: text })),
  });
  const merged = await mergedPullRequests(repoPath, { from: previousTag, to: tag.commit });
  let changeSetId: string | null = null;
  if (merged.length > 0) {
    const changeSet = await registry.createChangeSet(defaultChangeSet(tag.tag, previousTag, merged));
    changeSetId = changeSet.id;
  }
  const { created } = await registry.registerVersion({ ...version, ...(changeSetId ? { changeSets: [changeSetId] } : {}) });
  return { tag: tag.tag, commit: tag.commit, created, changeSetId, pullRequests: merged.map((pr) => pr.number), previousTag };
}

/** The change set a version gets by default: every pull request merged since the previous version tag. */
function defaultChangeSet(tag: string, previousTag: string | null, merged: readonly MergedPullRequest[]): ChangeSetCreate {
  return changeSetOf(previousTag ? `${tag}: pull requests merged since ${previousTag}` : `${tag}: pull requests up to the first version`, merged);
}

/** A change set request for pull requests found in git: their numbers, titles, authors and artifact files. */
export function changeSetOf(name: string, merged: readonly MergedPullRequest[]): ChangeSetCreate {
  const pullRequests: PullRequest[] = merged.map((pr) => ({
    number: pr.number,
    title: (pr.title.trim() || `pull request #${pr.number}`).slice(0, maxTitleLength),
    author: pr.author.trim() || pr.authorEmail || 'unknown',
    mergeCommit: pr.mergeCommit,
  }));
  return changeSetCreateSchema.parse({ name, pullRequests, artifacts: [...new Set(merged.flatMap((pr) => pr.artifacts))].sort() });
}
