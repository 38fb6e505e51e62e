import { inc } from 'semver';
import type { Bump } from '../diff/bump';
import { requireVersionTag } from './semverTag';

// The seed's convention: the first stable release is v1.0.0.
const firstVersion = 'v1.0.0';

/**
 * The smallest release tag after `previousTag` that declares at least `bump` (a new tag is always needed, so
 * 'none' gives a patch). A pre-release predecessor is released rather than skipped: `v2.0.0-beta.1` + major →
 * `v2.0.0`. Build metadata is dropped. Throws InvalidVersionTagError for a bad predecessor.
 */
export function nextVersion(previousTag: string | undefined, bump: Bump): string {
  if (previousTag === undefined) return firstVersion;
  const previous = requireVersionTag(previousTag);
  return `v${inc(previous.version, bump === 'none' ? 'patch' : bump) ?? previous.version}`;
}
