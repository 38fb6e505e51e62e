import { compareBuild, parse } from 'semver';

/** A release tag `v<major>.<minor>.<patch>[-pre][+build]`, parsed; pre-release and build parts are kept. */
export interface SemverTag {
  /** The tag as written, e.g. `v2.0.0-beta.1+20240319`. */
  tag: string;
  /** The semver without the `v`, e.g. `2.0.0-beta.1+20240319`. */
  version: string;
  major: number;
  minor: number;
  patch: number;
  prerelease: ReadonlyArray<string | number>;
  build: readonly string[];
}

/** A string that is not a release tag where one is required. */
export class InvalidVersionTagError extends Error {
  readonly code = 'invalid-version-tag';
  constructor(readonly tag: string) {
    super(`"${tag}" is not a version tag: expected v<major>.<minor>.<patch>[-pre][+build], e.g. v1.2.0`);
    this.name = 'InvalidVersionTagError';
  }
}

/** Parses a release tag; undefined when it is not exactly `v` followed by a semver version. */
export function parseVersionTag(tag: string): SemverTag | undefined {
  if (!tag.startsWith('v')) return undefined;
  const version = tag.slice(1);
  const parsed = parse(version);
  // semver forgives surrounding spaces and a second `v`; a git tag must be written exactly.
  if (!parsed || formatVersion(parsed.version, parsed.build) !== version) return undefined;
  return {
    tag,
    version,
    major: parsed.major,
    minor: parsed.minor,
    patch: parsed.patch,
    prerelease: parsed.prerelease,
    build: parsed.build,
  };
}

/** Parses a release tag or throws InvalidVersionTagError. */
export function requireVersionTag(tag: string): SemverTag {
  const parsed = parseVersionTag(tag);
  if (!parsed) throw new InvalidVersionTagError(tag);
  return parsed;
}

/** Whether a string is a release tag `v<major>.<minor>.<patch>[-pre][+build]`. */
export function isVersionTag(tag: string): boolean {
  return parseVersionTag(tag) !== undefined;
}

/**
 * Orders two release tags by semver precedence (negative when `a` comes first); build metadata breaks ties
 * so the order is total. Throws InvalidVersionTagError for a tag that is not a release tag.
 */
export function compareVersionTags(a: string, b: string): number {
  return compareBuild(requireVersionTag(a).version, requireVersionTag(b).version);
}

function formatVersion(version: string, build: readonly string[]): string {
  return build.length > 0 ? `${version}+${build.join('.')}` : version;
}
