import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The top folder of the git working tree holding `folder`: the nearest folder at or above it with a `.git`
 * (a folder, or the file of a worktree or submodule). Undefined outside any git working tree.
 */
export function gitWorkTreeRoot(folder: string): string | undefined {
  for (let current = folder; ; current = dirname(current)) {
    if (existsSync(join(current, '.git'))) return current;
    if (dirname(current) === current) return undefined;
  }
}
