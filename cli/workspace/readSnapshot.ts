import { resolve } from 'node:path';
import type { SnapshotArtifact } from '../../core/diff/diffSnapshots';
import { snapshotFromFiles } from '../../core/diff/snapshotFromFiles';
import { InputError } from '../errors';
import { readTextFile } from './readTextFile';
import { listRepositoryArtifacts } from './repositoryArtifacts';
import { shownPath } from './shownPath';
import { statPath } from './statPath';

/** Reads the repository at `folder` (its artifact files by forge.json's globs) as a snapshot to diff. */
export async function readSnapshot(folder: string, cwd: string): Promise<SnapshotArtifact[]> {
  const root = resolve(cwd, folder);
  if (!(await statPath(root, folder)).isDirectory()) throw new InputError(`${folder}: not a folder`);
  const { files } = await listRepositoryArtifacts(root);
  const sources = [];
  for (const file of files) {
    sources.push({ path: file.repoPath, kind: file.kind, text: await readTextFile(file.absolutePath, shownPath(cwd, file.absolutePath)) });
  }
  return snapshotFromFiles(sources);
}
