import type { ArtifactKind } from '../artifacts/artifactKind';

/** One artifact of a repository snapshot (e.g. a version's bundle), with its parsed JSON content. */
export interface SnapshotArtifact {
  kind: ArtifactKind;
  name: string;
  path: string;
  content: unknown;
}

/** Semver bump, smallest first. */
export type Bump = 'none' | 'patch' | 'minor' | 'major';

/** One reviewed difference between two snapshots and the bump it calls for (DAG.md §6). */
export interface ArtifactChange {
  kind: ArtifactKind;
  name: string;
  /** Repository path of the artifact file. */
  file: string;
  /** Where in the artifact, e.g. `spec.plan.nodes[classify].dependencies`. */
  path: string;
  /** What changed, in words a reviewer reads. */
  change: string;
  bump: Bump;
}

export interface SnapshotDiff {
  bump: Bump;
  changes: ArtifactChange[];
}

/** Compares two repository snapshots and infers the semver bump. Pure; never throws. */
export function diffSnapshots(previous: readonly SnapshotArtifact[], next: readonly SnapshotArtifact[]): SnapshotDiff {
  // PLACEHOLDER until the diff lands: same signature, real implementation replaces this body.
  void previous;
  void next;
  return { bump: 'none', changes: [] };
}
