import { dirname, resolve, sep } from 'node:path';
import { InputError } from '../errors';
import { findRepositoryRoot } from './findRepositoryRoot';
import { readTextFile } from './readTextFile';
import { describeGlobs, listRepositoryArtifacts, type RepositoryArtifacts } from './repositoryArtifacts';
import { shownPath } from './shownPath';
import { statPath } from './statPath';

/** A file read for validation: named as the user sees it, and whether its findings are to be reported. */
export interface WorkspaceFile {
  path: string;
  text: string;
  reported: boolean;
}

/** The files of one repository: the ones asked for plus every other artifact, for cross-file rules. */
export interface RepositoryFileSet {
  root: string;
  files: WorkspaceFile[];
}

/**
 * Reads what `paths` (files or folders, relative to `cwd`) designate, grouped by repository; no paths means
 * every artifact file of the repository around `cwd`. A folder contributes the artifact files under it (by
 * its repository's globs); a file is taken whatever its name. The rest of each repository's artifacts come
 * along unreported, so references between files resolve. Missing paths and unreadable files are InputErrors.
 * Files are named by `nameOf` (default: relative to `cwd`).
 */
export async function readArtifactFiles(
  paths: readonly string[],
  cwd: string,
  nameOf: (absolutePath: string) => string = (absolutePath) => shownPath(cwd, absolutePath),
): Promise<RepositoryFileSet[]> {
  const repositories = new Map<string, { artifacts: RepositoryArtifacts; selected: Set<string> }>();
  const repositoryOf = async (root: string) => {
    let repository = repositories.get(root);
    if (!repository) {
      repository = { artifacts: await listRepositoryArtifacts(root), selected: new Set() };
      repositories.set(root, repository);
    }
    return repository;
  };

  if (paths.length === 0) {
    const repository = await repositoryOf(findRepositoryRoot(cwd));
    selectUnder(repository, repository.artifacts.root, shownPath(cwd, repository.artifacts.root));
  }
  for (const path of paths) {
    const absolutePath = resolve(cwd, path);
    const entry = await statPath(absolutePath, path);
    if (entry.isDirectory()) {
      selectUnder(await repositoryOf(findRepositoryRoot(absolutePath)), absolutePath, path);
    } else if (entry.isFile()) {
      (await repositoryOf(findRepositoryRoot(dirname(absolutePath)))).selected.add(absolutePath);
    } else {
      throw new InputError(`${path}: not a file or folder`);
    }
  }

  const sets: RepositoryFileSet[] = [];
  for (const { artifacts, selected } of repositories.values()) {
    sets.push({ root: artifacts.root, files: await readRepositoryFiles(artifacts, selected, nameOf) });
  }
  return sets;
}

function selectUnder(repository: { artifacts: RepositoryArtifacts; selected: Set<string> }, folder: string, shownAs: string): void {
  const inside = repository.artifacts.files.filter((file) => folder === repository.artifacts.root || file.absolutePath.startsWith(folder + sep));
  if (inside.length === 0) {
    throw new InputError(`no artifact files in ${shownAs} (looked for ${describeGlobs(repository.artifacts.config)})`);
  }
  for (const file of inside) repository.selected.add(file.absolutePath);
}

async function readRepositoryFiles(artifacts: RepositoryArtifacts, selected: Set<string>, nameOf: (absolutePath: string) => string): Promise<WorkspaceFile[]> {
  const absolutePaths = new Set([...artifacts.files.map((file) => file.absolutePath), ...selected]);
  const files: WorkspaceFile[] = [];
  for (const absolutePath of [...absolutePaths].sort()) {
    const path = nameOf(absolutePath);
    files.push({ path, text: await readTextFile(absolutePath, path), reported: selected.has(absolutePath) });
  }
  return files;
}
