import type { Checkpoint } from '../../../core/api/audit';

/** What writing to an anchor achieved: the seqs it now holds, and why the others failed. */
export interface AnchorWrite {
  anchored: number[];
  failure: string | null;
}

/**
 * A place outside the database that keeps copies of the signed checkpoints, so deleting or rewriting them in the
 * database is caught: a file, a URL that receives them, a git ref of the workflow repository. Writing is
 * idempotent by `seq`: a checkpoint the anchor already holds is not written again.
 */
export interface CheckpointAnchor {
  kind: 'file' | 'url' | 'git';
  /** Where (a path, a URL without credentials, a ref); with the kind, the anchor's name in `audit_anchorings`. */
  location: string;
  write(checkpoints: readonly Checkpoint[]): Promise<AnchorWrite>;
  /** The checkpoints it holds, or null for one that cannot be read back (a URL). */
  read(): Promise<Checkpoint[] | null>;
}

/** The anchor's name in `audit_anchorings`. */
export function anchorName(anchor: Pick<CheckpointAnchor, 'kind' | 'location'>): string {
  return `${anchor.kind}:${anchor.location}`;
}
