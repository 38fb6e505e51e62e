import { artifactKinds, type ArtifactKind } from '../artifacts/artifactKind';
import { maxBump, type Bump } from './bump';
import { diffArtifactContent } from './diffArtifact';

export type { Bump };

/** One artifact of a repository snapshot (e.g. a version's bundle), with its parsed JSON content. */
export interface SnapshotArtifact {
  kind: ArtifactKind;
  name: string;
  path: string;
  content: unknown;
}

/** One reviewed difference between two snapshots and the bump it calls for (DAG.md §6). */
export interface ArtifactChange {
  kind: ArtifactKind;
  name: string;
  /** Repository path of the artifact file. */
  file: string;
  /** Where in the artifact, e.g. `spec.plan.nodes[classify].dependencies`; empty for the artifact as a whole. */
  path: string;
  /** What changed, in words a reviewer reads. */
  change: string;
  bump: Bump;
  /** The whole old and new text of a changed text value (e.g. a prompt); `change` shortens them. */
  before?: string;
  after?: string;
}

export interface SnapshotDiff {
  bump: Bump;
  changes: ArtifactChange[];
}

/**
 * Compares two repository snapshots and infers the semver bump (DAG.md §6): artifacts are matched by kind and
 * name, nodes by task_id; the bump is the largest of the changes. Pure; never throws.
 */
export function diffSnapshots(previous: readonly SnapshotArtifact[], next: readonly SnapshotArtifact[]): SnapshotDiff {
  const before = indexByIdentity(previous);
  const after = indexByIdentity(next);
  const identities = [...new Set([...before.keys(), ...after.keys()])].sort(compareIdentities(before, after));
  const changes: ArtifactChange[] = [];
  for (const identity of identities) {
    const old = before.get(identity);
    const current = after.get(identity);
    if (old && !current) {
      changes.push({ ...identify(old), path: '', change: `${old.kind} "${old.name}" removed`, bump: 'major' });
    } else if (!old && current) {
      changes.push({ ...identify(current), path: '', change: `${current.kind} "${current.name}" added`, bump: 'minor' });
    } else if (old && current) {
      changes.push(...diffArtifactPair(old, current));
    }
  }
  return { bump: maxBump(changes.map((change) => change.bump)), changes };
}

function diffArtifactPair(old: SnapshotArtifact, current: SnapshotArtifact): ArtifactChange[] {
  const identity = identify(current);
  const changes: ArtifactChange[] = [];
  if (old.path !== current.path) {
    changes.push({ ...identity, path: '', change: `file moved from ${old.path} to ${current.path}`, bump: 'patch' });
  }
  for (const draft of diffArtifactContent(current.kind, old.content, current.content)) changes.push({ ...identity, ...draft });
  return changes;
}

function identify(artifact: SnapshotArtifact): Pick<ArtifactChange, 'kind' | 'name' | 'file'> {
  return { kind: artifact.kind, name: artifact.name, file: artifact.path };
}

/** Artifacts keyed by `kind/name`; should a snapshot repeat one, the first wins. */
function indexByIdentity(artifacts: readonly SnapshotArtifact[]): Map<string, SnapshotArtifact> {
  const index = new Map<string, SnapshotArtifact>();
  for (const artifact of artifacts) {
    const identity = `${artifact.kind}/${artifact.name}`;
    if (!index.has(identity)) index.set(identity, artifact);
  }
  return index;
}

/** Workflows first, then agents, then processors; by name within a kind. */
function compareIdentities(before: Map<string, SnapshotArtifact>, after: Map<string, SnapshotArtifact>) {
  const rank = (identity: string) => {
    const artifact = before.get(identity) ?? after.get(identity);
    return artifact ? artifactKinds.indexOf(artifact.kind) : artifactKinds.length;
  };
  return (a: string, b: string) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}
