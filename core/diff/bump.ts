/** Semver bump levels, smallest first. */
export const bumpLevels = ['none', 'patch', 'minor', 'major'] as const;
export type Bump = (typeof bumpLevels)[number];

/** Orders two bumps: negative when `a` is smaller than `b`, zero when equal. */
export function compareBumps(a: Bump, b: Bump): number {
  return bumpLevels.indexOf(a) - bumpLevels.indexOf(b);
}

/** The largest of the given bumps; 'none' when there are none. */
export function maxBump(bumps: Iterable<Bump>): Bump {
  let max: Bump = 'none';
  for (const bump of bumps) if (compareBumps(bump, max) > 0) max = bump;
  return max;
}
