import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { forgeConfigFileName } from '../../core/config/forgeConfig';

/**
 * The repository a folder belongs to: the nearest folder at or above it holding forge.json or .git. A folder
 * inside no repository is taken as a repository root itself.
 */
export function findRepositoryRoot(folder: string): string {
  for (let current = folder; ; current = dirname(current)) {
    if (existsSync(join(current, forgeConfigFileName)) || existsSync(join(current, '.git'))) return current;
    if (dirname(current) === current) return folder;
  }
}
