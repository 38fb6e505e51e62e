import { compare } from 'semver';
import type { Bump } from '../diff/bump';
import { compareBumps } from '../diff/bump';
import { requireVersionTag, type SemverTag } from './semverTag';

/**
 * The bump a tag declares against its predecessor: the highest of major, minor and patch that grew. A tag in
 * the same pre-release series as its predecessor (`v2.0.0-beta.1` → `v2.0.0-beta.2` or `v2.0.0`) declares the
 * bump of the release being prepared (`x.0.0` major, `x.y.0` minor, else patch). The first version (no
 * predecessor) declares major; a tag not above its predecessor declares none. Throws InvalidVersionTagError.
 */
export function declaredBump(previousTag: string | undefined, tag: string): Bump {
  const next = requireVersionTag(tag);
  if (previousTag === undefined) return 'major';
  const previous = requireVersionTag(previousTag);
  if (compare(next.version, previous.version) <= 0) return 'none';
  if (next.major !== previous.major) return 'major';
  if (next.minor !== previous.minor) return 'minor';
  if (next.patch !== previous.patch) return 'patch';
  return bumpOfRelease(next);
}

/** Whether a declared bump covers the bump inferred from the DAG diff (the semver-policy gate's rule). */
export function bumpAtLeast(declared: Bump, inferred: Bump): boolean {
  return compareBumps(declared, inferred) >= 0;
}

function bumpOfRelease(tag: SemverTag): Bump {
  if (tag.minor === 0 && tag.patch === 0) return 'major';
  return tag.patch === 0 ? 'minor' : 'patch';
}
