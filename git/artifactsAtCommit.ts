import picomatch from 'picomatch';
import type { ArtifactKind } from '../core/artifacts/artifactKind';
import { createArtifactClassifier } from '../core/config/artifactClassifier';
import { forgeConfigFileName, type ForgeConfig } from '../core/config/forgeConfig';
import { parseForgeConfig } from '../core/config/parseForgeConfig';
import type { SourceFile } from '../core/validation/validateRepository';
import { resolveCommit } from './commitRefs';
import { listTreeBlobs, readBlobs } from './commitTree';
import { InvalidForgeConfigError } from './gitErrors';

/** An artifact file read from git: what `validateRepository` takes, plus the kind its path's glob gives. */
export interface ArtifactFile extends SourceFile {
  kind: ArtifactKind;
}

/** The forge.json in force at a commit, defaults applied (all defaults when the commit has none). */
export async function forgeConfigAtCommit(repoPath: string, commit: string): Promise<ForgeConfig> {
  const [file] = await listTreeBlobs(repoPath, commit, [forgeConfigFileName]);
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
 * `ls-tree` and one `cat-file --batch` whatever the number of files), in path order.
 */
export async function readArtifactsAtCommit(repoPath: string, ref: string): Promise<ArtifactFile[]> {
  const commit = await resolveCommit(repoPath, ref);
  const { artifacts } = await forgeConfigAtCommit(repoPath, commit);
  const classify = createArtifactClassifier(artifacts);
  const entries = await listTreeBlobs(repoPath, commit, globBases(Object.values(artifacts).flat()));
  const found = entries.flatMap((entry) => {
    const kind = classify(entry.path);
    return kind ? [{ ...entry, kind }] : [];
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
