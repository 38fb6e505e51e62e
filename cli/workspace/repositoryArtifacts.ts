import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import type { ArtifactKind } from '../../core/artifacts/artifactKind';
import { createArtifactClassifier } from '../../core/config/artifactClassifier';
import { forgeConfigFileName, type ForgeConfig } from '../../core/config/forgeConfig';
import { parseForgeConfig } from '../../core/config/parseForgeConfig';
import { InputError } from '../errors';
import { readTextFile } from './readTextFile';

/** One artifact file of a repository, found by the artifact globs. */
export interface RepositoryArtifactFile {
  absolutePath: string;
  /** Relative to the repository root, with `/` separators: `workflows/claims-intake.json`. */
  repoPath: string;
  kind: ArtifactKind;
}

/** A repository's configuration (forge.json or the defaults) and its artifact files sorted by path. */
export interface RepositoryArtifacts {
  root: string;
  config: ForgeConfig;
  files: RepositoryArtifactFile[];
}

/** Reads forge.json at `root` (defaults when absent; an invalid one is an InputError). */
export async function loadForgeConfig(root: string): Promise<ForgeConfig> {
  const configPath = join(root, forgeConfigFileName);
  const text = existsSync(configPath) ? await readTextFile(configPath, configPath) : undefined;
  const result = parseForgeConfig(text);
  if (!result.ok) throw new InputError(`${configPath} is not a valid configuration: ${result.problems.join('; ')}`);
  return result.config;
}

/** Lists the artifact files of the repository at `root` by its artifact globs. */
export async function listRepositoryArtifacts(root: string): Promise<RepositoryArtifacts> {
  const config = await loadForgeConfig(root);
  const classify = createArtifactClassifier(config.artifacts);
  const patterns = Object.values(config.artifacts).flat();
  const paths = await glob(patterns, { cwd: root, onlyFiles: true, expandDirectories: false });
  const files: RepositoryArtifactFile[] = [];
  for (const repoPath of paths.sort()) {
    const kind = classify(repoPath);
    if (kind) files.push({ absolutePath: resolve(root, repoPath), repoPath, kind });
  }
  return { root, config, files };
}

/** The globs of a configuration, for messages. */
export function describeGlobs(config: ForgeConfig): string {
  return Object.values(config.artifacts).flat().join(', ');
}
