import type { ServiceDeps } from '../serviceDeps';

// Per service (keyed by its deps): the releases this process has claimed and not yet finished running.
const claimed = new WeakMap<ServiceDeps, Set<string>>();

function claimsOf(deps: ServiceDeps): Set<string> {
  let set = claimed.get(deps);
  if (!set) claimed.set(deps, (set = new Set()));
  return set;
}

/** Marks a release as run by this process, from before it takes the lock until its run ends. */
export function claimRelease(deps: ServiceDeps, releaseId: string): void {
  claimsOf(deps).add(releaseId);
}

/** The release's run in this process ended (or it never started). */
export function releaseClaim(deps: ServiceDeps, releaseId: string): void {
  claimsOf(deps).delete(releaseId);
}

/** Whether this process is running the release; an in-progress release it owns but no longer runs is orphaned. */
export function isClaimed(deps: ServiceDeps, releaseId: string): boolean {
  return claimsOf(deps).has(releaseId);
}
