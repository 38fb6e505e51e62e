import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { diffSnapshots, type ArtifactChange, type SnapshotArtifact, type SnapshotDiff } from '../../../core/diff/diffSnapshots';
import { snapshotFromFiles } from '../../../core/diff/snapshotFromFiles';

const exampleRoot = join(__dirname, '../../../examples/claims-repo');

/** The example claims repository as a snapshot: the realistic base every diff test mutates. */
export function exampleSnapshot(): SnapshotArtifact[] {
  const files = ['workflows', 'agents', 'processors'].flatMap((folder) =>
    readdirSync(join(exampleRoot, folder)).map((file) => ({
      path: `${folder}/${file}`,
      text: readFileSync(join(exampleRoot, folder, file), 'utf8'),
    })),
  );
  return snapshotFromFiles(files);
}

/** Artifact content as tests mutate it: any JSON. */
export type Json = any;

/**
 * Diffs the example against a copy of it in which `name`'s content was changed by `mutate`; `prepare`, when
 * given, first changes both sides alike (to set up a starting point the example does not have).
 */
export function diffAfterChanging(name: string, mutate: (content: Json) => void, prepare?: (content: Json) => void): SnapshotDiff {
  const change = (snapshot: SnapshotArtifact[], edit: (content: Json) => void) =>
    snapshot.map((artifact) => {
      if (artifact.name !== name) return artifact;
      const content = structuredClone(artifact.content);
      edit(content);
      return { ...artifact, content };
    });
  const previous = prepare ? change(exampleSnapshot(), prepare) : exampleSnapshot();
  return diffSnapshots(previous, change(previous, mutate));
}

/** The plan node with `taskId` in a workflow's content. */
export function nodeOf(content: Json, taskId: string): Json {
  const node = content.spec.plan.nodes.find((candidate: Json) => candidate.task_id === taskId);
  assert.ok(node, `no node ${taskId}`);
  return node;
}

/** Asserts that the diff holds exactly one change and returns it. */
export function onlyChange(diff: SnapshotDiff): ArtifactChange {
  assert.equal(diff.changes.length, 1, `expected one change, got ${JSON.stringify(diff.changes, null, 2)}`);
  const [change] = diff.changes;
  assert.ok(change);
  return change;
}

/** Asserts one change with this path and bump, whose wording matches `words`, and that the diff's bump is that bump. */
export function assertOnlyChange(diff: SnapshotDiff, expected: { path: string; bump: ArtifactChange['bump']; words: RegExp }): ArtifactChange {
  const change = onlyChange(diff);
  assert.equal(change.path, expected.path);
  assert.equal(change.bump, expected.bump);
  assert.match(change.change, expected.words);
  assert.equal(diff.bump, expected.bump);
  return change;
}
