import { inc, parse, type ReleaseType, type SemVer } from 'semver';
import { compareBumps, type Bump } from '../diff/bump';
import type { GateResult } from './gateResult';

/**
 * The bump a tag declares against its semver predecessor: the highest of major, minor and patch that grew.
 * When only the pre-release part differs (`v2.0.0-beta.1` → `v2.0.0-beta.2` or → `v2.0.0`), the release being
 * prepared already declares its own bump (`x.0.0` major, `x.y.0` minor, else patch), so breaking changes inside
 * a pre-release series toward a major are allowed. Null when either tag is not semver.
 */
export function declaredBump(previousTag: string, tag: string): Bump | null {
  const previous = parse(previousTag);
  const next = parse(tag);
  if (!previous || !next) return null;
  if (next.major !== previous.major) return next.major > previous.major ? 'major' : 'none';
  if (next.minor !== previous.minor) return next.minor > previous.minor ? 'minor' : 'none';
  if (next.patch !== previous.patch) return next.patch > previous.patch ? 'patch' : 'none';
  return previous.prerelease.length > 0 ? bumpOfRelease(next) : 'none';
}

function bumpOfRelease(version: SemVer): Bump {
  if (version.minor === 0 && version.patch === 0) return 'major';
  return version.patch === 0 ? 'minor' : 'patch';
}

/** Whether bump `a` is at least bump `b`. */
export function bumpCovers(a: Bump, b: Bump): boolean {
  return compareBumps(a, b) >= 0;
}

/** What the semver-policy gate compares: the tag, its semver predecessor (null for a first version) and the inferred bump. */
export interface SemverPolicyInput {
  tag: string;
  previousTag: string | null;
  inferredBump: Bump;
}

/** Passes when the tag's declared bump is at least the bump inferred from the DAG diff against its predecessor. */
export function evaluateSemverPolicy({ tag, previousTag, inferredBump }: SemverPolicyInput): GateResult {
  if (previousTag === null) {
    return { gate: 'semver-policy', passed: true, reason: `${tag} is the first version: there is nothing to compare against` };
  }
  const declared = declaredBump(previousTag, tag);
  if (declared === null) {
    return { gate: 'semver-policy', passed: false, reason: `${tag} or ${previousTag} is not a semver tag` };
  }
  if (bumpCovers(declared, inferredBump)) {
    return { gate: 'semver-policy', passed: true, reason: `${tag} is a ${declared} bump over ${previousTag}; the DAG diff needs ${inferredBump}` };
  }
  const smallest = inc(previousTag, inferredBump as ReleaseType);
  return {
    gate: 'semver-policy',
    passed: false,
    reason: `${tag} is a ${declared} bump over ${previousTag} but the DAG diff has ${inferredBump} changes: tag v${smallest} or higher`,
  };
}
