import picomatch from 'picomatch';
import { artifactKinds, type ArtifactKind } from '../artifacts/artifactKind';
import type { ForgeConfig } from './forgeConfig';

/** Tells which kind of artifact a repository-relative path holds, or undefined when it is none. */
export type ArtifactClassifier = (path: string) => ArtifactKind | undefined;

/**
 * Builds a classifier from the artifact globs of forge.json. Paths may use `\` or start with `./`; when globs
 * of several kinds match, the first kind in workflow, agent, processor order wins.
 */
export function createArtifactClassifier(artifacts: ForgeConfig['artifacts']): ArtifactClassifier {
  const matchers = artifactKinds.map((kind) => ({ kind, matches: picomatch([...artifacts[kind]]) }));
  return (path) => {
    const normalized = path.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
    return matchers.find(({ matches }) => matches(normalized))?.kind;
  };
}
