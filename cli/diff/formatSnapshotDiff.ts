import type { SnapshotDiff } from '../../core/diff/diffSnapshots';
import { plural } from '../format/plural';

/** The two sides of a `diff`, as given on the command line. */
export interface DiffSides {
  previous: string;
  next: string;
}

/** Changes grouped by artifact, one line each (`bump  path  what changed`), then the inferred bump. */
export function formatSnapshotDiffText(diff: SnapshotDiff): string {
  const lines: string[] = [];
  let artifact = '';
  for (const change of diff.changes) {
    const identity = `${change.kind}/${change.name}`;
    if (identity !== artifact) {
      lines.push(`${identity} (${change.file})`);
      artifact = identity;
    }
    lines.push(`  ${change.bump.padEnd(5)}  ${change.path ? `${change.path}: ` : ''}${change.change}`);
  }
  if (diff.changes.length === 0) lines.push('no changes');
  lines.push(`inferred bump: ${diff.bump} (${plural(diff.changes.length, 'change')})`);
  return `${lines.join('\n')}\n`;
}

/** `{previous, next, inferredBump, changes}`: the shape of the service's version diff, with folders for tags. */
export function snapshotDiffJson(diff: SnapshotDiff, sides: DiffSides): DiffSides & { inferredBump: SnapshotDiff['bump']; changes: SnapshotDiff['changes'] } {
  return { ...sides, inferredBump: diff.bump, changes: diff.changes };
}
