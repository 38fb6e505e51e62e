import { resolve } from 'node:path';
import { findRepositoryRoot } from './findRepositoryRoot';

/** The `--repo <path>` option of the git-reading commands, default the current folder. */
export const repoOption = [
  '--repo <path>',
  'the workflow repository: the folder holding forge.json (a sub-folder of a git repository is fine), or a git repository; or any folder inside it',
  '.',
] as const;

/**
 * The workflow repository a command works on, absolute: the nearest folder at or above `--repo` that holds
 * forge.json or `.git`. Its artifact paths are relative to that folder, even when it lies inside a bigger git
 * repository.
 */
export function workflowRepositoryPath(repo: string | undefined): string {
  return findRepositoryRoot(resolve(process.cwd(), repo ?? '.'));
}
