import { diffSnapshots, type SnapshotDiff } from '../core/diff/diffSnapshots';
import { snapshotFromFiles } from '../core/diff/snapshotFromFiles';
import { readArtifactsAtCommit, type ArtifactFile } from './artifactsAtCommit';
import { headCommit } from './commitRefs';
import { latestVersionTag, type VersionTag } from './semverTags';

/** What a new version at HEAD would hold: the previous version tag, HEAD's commit and the DAG diff between them. */
interface VersionProposal {
  /** The highest version tag reachable from HEAD, or null before the first version. */
  previous: VersionTag | null;
  head: string;
  /** The artifact files at HEAD (what the version would hold). */
  artifacts: ArtifactFile[];
  /** HEAD's artifacts against the previous tag's; `bump` is the semver bump they call for. */
  diff: SnapshotDiff;
}

/** Diffs HEAD's artifacts against the previous version tag's (DAG.md §6), read from git without a checkout. */
export async function proposeVersion(repoPath: string): Promise<VersionProposal> {
  const head = await headCommit(repoPath);
  const previous = await latestVersionTag(repoPath, head);
  const [before, after] = await Promise.all([previous ? readArtifactsAtCommit(repoPath, previous.commit) : Promise.resolve([]), readArtifactsAtCommit(repoPath, head)]);
  return { previous, head, artifacts: after, diff: diffSnapshots(snapshotFromFiles(before), snapshotFromFiles(after)) };
}
