import type { Bump } from '../../core/diff/bump';
import { compareBumps } from '../../core/diff/bump';
import { bumpAtLeast, declaredBump } from '../../core/versioning/declaredBump';
import { nextVersion } from '../../core/versioning/nextVersion';
import { compareVersionTags, parseVersionTag } from '../../core/versioning/semverTag';

/** A tag Create Version may offer, with what the user should know about it. */
export interface TagChoice {
  tag: string;
  /** Whether creating it makes sense (a typed text that is no tag, or a tag that exists, is not). */
  acceptable: boolean;
  description: string;
}

/** The order the bumps are offered in after the inferred one. */
const bumpOrder: Bump[] = ['major', 'minor', 'patch'];

/** The next tag for each bump, the inferred one first; with no previous version, the first version alone. */
export function proposedTags(previous: string | undefined, inferred: Bump, changeCount: number): TagChoice[] {
  if (!previous) return [{ tag: nextVersion(undefined, inferred), acceptable: true, description: 'first version — nothing to compare against' }];
  const first: Bump = inferred === 'none' ? 'patch' : inferred;
  return [first, ...bumpOrder.filter((bump) => bump !== first)].map((bump) => ({
    tag: nextVersion(previous, bump),
    acceptable: true,
    description:
      bump === first
        ? `${bump} — inferred from ${changeCount} ${changeCount === 1 ? 'change' : 'changes'}`
        : compareBumps(bump, first) < 0
          ? `${bump} — smaller than inferred: the semver-policy gate will refuse it`
          : bump,
  }));
}

/**
 * What a tag the user typed would be: any valid semver tag (pre-releases and build metadata included; the `v` may
 * be left out). It is refused when it is no tag or exists already; a tag not above the previous version, or one
 * declaring a smaller bump than the changes call for, is accepted with the warning the semver-policy gate gives.
 */
export function typedTag(typed: string, previous: string | undefined, inferred: Bump, existing: ReadonlySet<string>): TagChoice | undefined {
  const text = typed.trim();
  if (!text) return undefined;
  const tag = /^\d/.test(text) ? `v${text}` : text;
  if (!parseVersionTag(tag)) return { tag: text, acceptable: false, description: 'not a semver tag: v<major>.<minor>.<patch>[-pre][+build], e.g. v2.0.0-beta.1' };
  if (existing.has(tag)) return { tag, acceptable: false, description: 'this tag exists already' };
  if (!previous) return { tag, acceptable: true, description: 'your tag — first version, nothing to compare against' };
  if (compareVersionTags(tag, previous) <= 0) return { tag, acceptable: true, description: `not after ${previous}: the semver-policy gate will refuse it` };
  const declared = declaredBump(previous, tag);
  if (!bumpAtLeast(declared, inferred))
    return { tag, acceptable: true, description: `your tag declares a ${declared} bump; the changes call for ${inferred}: the semver-policy gate will refuse it` };
  return { tag, acceptable: true, description: `your tag — ${declared} after ${previous}` };
}
