import type { SourceFile } from '../core/validation/validateRepository';
import { artifactGlobsFromForgeJson, artifactPathMatcher, forgeConfigPath, globBases } from './artifactGlobs';
import { resolveCommit } from './commitRefs';
import { listTreeBlobs, readBlobs } from './commitTree';

/** The artifact globs in force at a commit: its forge.json's, or the defaults when it has none. */
export async function artifactGlobsAtCommit(repoPath: string, commit: string): Promise<string[]> {
  const [config] = await listTreeBlobs(repoPath, commit, [forgeConfigPath]);
  const location = `${forgeConfigPath} at ${commit.slice(0, 12)}`;
  if (!config) return artifactGlobsFromForgeJson(null, location);
  const contents = await readBlobs(repoPath, [config.blob]);
  return artifactGlobsFromForgeJson(contents.get(config.blob)?.toString('utf8') ?? '', location);
}

/**
 * Every artifact file at a commit or tag, read from the object database without a checkout,
 * in path order — the input `validateRepository` takes.
 */
export async function readArtifactsAtCommit(repoPath: string, ref: string): Promise<SourceFile[]> {
  const commit = await resolveCommit(repoPath, ref);
  const globs = await artifactGlobsAtCommit(repoPath, commit);
  const isArtifact = artifactPathMatcher(globs);
  const blobs = (await listTreeBlobs(repoPath, commit, globBases(globs))).filter((entry) => isArtifact(entry.path));
  const contents = await readBlobs(
    repoPath,
    blobs.map((entry) => entry.blob),
  );
  return blobs.map((entry) => ({ path: entry.path, text: contents.get(entry.blob)?.toString('utf8') ?? '' }));
}
