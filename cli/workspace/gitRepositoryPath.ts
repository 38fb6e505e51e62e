import { resolve } from 'node:path';

/** The `--repo <path>` option of the git-reading commands: the repository (or any folder in it), default the current folder. */
export const repoOption = ['--repo <path>', 'the git repository (or a folder inside it)', '.'] as const;

/** The repository folder a command works in, absolute. */
export function repositoryPath(repo: string | undefined): string {
  return resolve(process.cwd(), repo ?? '.');
}
