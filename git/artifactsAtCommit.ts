import picomatch from 'picomatch';
import type { ArtifactKind } from '../core/artifacts/artifactKind';
import { createArtifactClassifier } from '../core/config/artifactClassifier';
import { forgeConfigFileName, type ForgeConfig } from '../core/config/forgeConfig';
import { parseForgeConfig } from '../core/config/parseForgeConfig';
import type { SourceFile } from '../core/validation/validateRepository';
import { resolveCommit } from './commitRefs';
import { listTreeBlobs, readBlobs } from './commitTree';
import { InvalidForgeConfigError } from './gitErrors';
import { pathInFolder, workflowFolderPrefix } from './workflowFolder';

/** An artifact file read from git: what `validateRepository` takes, plus the kind its path's glob gives. */
export interface ArtifactFile extends SourceFile {
  kind: ArtifactKind;
}

/**
 * The forge.json in force at a commit, defaults applied (all defaults when the commit has none): the one in the
 * workflow folder `repoPath` designates (see workflowFolderPrefix).
 */
export async function forgeConfigAtCommit(repoPath: string, commit: string): Promise<ForgeConfig> {
  const prefix = await workflowFolderPrefix(repoPath);
  const [file] = await listTreeBlobs(repoPath, commit, [`${prefix}${forgeConfigFileName}`]);
  const text = file ? (await readBlobs(repoPath, [file.blob])).get(file.blob)?.toString('utf8') : undefined;
  return forgeConfigFromText(text, `${forgeConfigFileName} at ${commit.slice(0, 12)}`);
}

/** Parses forge.json text (undefined: no file) with core/config, or throws InvalidForgeConfigError. */
export function forgeConfigFromText(text: string | undefined, location: string): ForgeConfig {
  const result = parseForgeConfig(text);
  if (!result.ok) throw new InvalidForgeConfigError(location, result.problems.join('; '));
  return result.config;
}

/**
 * Every artifact file at a commit or tag, read from the object database without a checkout (one
 * `ls-tree` and one `cat-file --batch` whatever the number of files), in path order. Paths are relative to the
 * workflow folder `repoPath` designates (the git root, or the sub-folder holding forge.json).
 */
export async function readArtifactsAtCommit(repoPath: string, ref: string): Promise<ArtifactFile[]> {
  const commit = await resolveCommit(repoPath, ref);
  const prefix = await workflowFolderPrefix(repoPath);
  const { artifacts } = await forgeConfigAtCommit(repoPath, commit);
  const classify = createArtifactClassifier(artifacts);
  const bases = globBases(Object.values(artifacts).flat());
  const entries = await listTreeBlobs(repoPath, commit, bases ? bases.map((base) => `${prefix}${base}`) : prefix ? [prefix] : null);
  const found = entries.flatMap((entry) => {
    const path = pathInFolder(prefix, entry.path);
    const kind = path === undefined ? undefined : classify(path);
    return path !== undefined && kind ? [{ path, blob: entry.blob, kind }] : [];
  });
  const contents = await readBlobs(
    repoPath,
    found.map((entry) => entry.blob),
  );
  return found.map(({ path, kind, blob }) => ({ path, kind, text: contents.get(blob)?.toString('utf8') ?? '' }));
}

/** The directories (or files) outside which no glob can match; null when one can match anywhere (`**\/*.json`). */
function globBases(globs: readonly string[]): string[] | null {
  const bases = globs.map((glob) => picomatch.scan(glob).base);
  return bases.includes('') ? null : [...new Set(bases)];
}
