import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import picomatch from 'picomatch';
import { artifactKinds, type ArtifactKind } from '../core/artifacts/artifactKind';
import { InvalidForgeConfigError } from './gitErrors';

/** Where artifacts live when forge.json says nothing (PRODUCT.md §2). */
export const defaultArtifactGlobs: Readonly<Record<ArtifactKind, readonly string[]>> = {
  workflow: ['workflows/*.json'],
  agent: ['agents/*.json'],
  processor: ['processors/*.json'],
};

/** The configuration file at the repository root. */
export const forgeConfigPath = 'forge.json';

/**
 * The artifact globs declared by a forge.json text (null: no forge.json → the defaults).
 * `artifacts` is either a list of globs replacing the defaults, or an object keyed by kind
 * (`workflow`, `agent`, `processor`; a glob or a list) overriding the defaults of the kinds it names.
 * Interim reader until core/config owns the forge.json schema.
 */
export function artifactGlobsFromForgeJson(text: string | null, location: string): string[] {
  if (text === null) return Object.values(defaultArtifactGlobs).flat();
  const errors: ParseError[] = [];
  const config: unknown = parse(text, errors, { allowTrailingComma: true });
  const [syntaxError] = errors;
  if (syntaxError) {
    throw new InvalidForgeConfigError(location, `${printParseErrorCode(syntaxError.error)} at offset ${syntaxError.offset}`);
  }
  if (!isRecord(config)) throw new InvalidForgeConfigError(location, 'the top level must be an object');
  const artifacts = config['artifacts'];
  if (artifacts === undefined) return Object.values(defaultArtifactGlobs).flat();
  if (isGlobList(artifacts)) return [...artifacts];
  if (!isRecord(artifacts)) {
    throw new InvalidForgeConfigError(location, '"artifacts" must be a list of globs or an object keyed by kind');
  }
  const unknownKind = Object.keys(artifacts).find((key) => !(artifactKinds as readonly string[]).includes(key));
  if (unknownKind !== undefined) {
    throw new InvalidForgeConfigError(location, `"artifacts.${unknownKind}" is not a kind (${artifactKinds.join(', ')})`);
  }
  return artifactKinds.flatMap((kind) => {
    const globs = artifacts[kind] ?? defaultArtifactGlobs[kind];
    if (typeof globs === 'string') return [globs];
    if (isGlobList(globs)) return [...globs];
    throw new InvalidForgeConfigError(location, `"artifacts.${kind}" must be a glob or a list of globs`);
  });
}

/** A predicate telling whether a repository-relative path (forward slashes) is an artifact. */
export function artifactPathMatcher(globs: readonly string[]): (path: string) => boolean {
  if (globs.length === 0) return () => false;
  return picomatch([...globs]);
}

/**
 * The directories (or files) outside which no glob can match, to narrow tree listings;
 * null when some glob can match anywhere (e.g. `**\/*.json`).
 */
export function globBases(globs: readonly string[]): string[] | null {
  const bases = globs.map((glob) => picomatch.scan(glob).base);
  return bases.includes('') ? null : [...new Set(bases)];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isGlobList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string' && item.length > 0);
}
