import type { Release } from './release';

/**
 * Where a release stands, in the words people read in overviews. A release its reviewers rejected, or whose
 * approval expired, deployed nothing: it is `failed` in the API (it ended without running), but it reads as
 * `rejected` or `expired`, never as a failed deploy.
 */
export type ReleaseOutcome = 'succeeded' | 'failed' | 'in progress' | 'waiting for approval' | 'approved, waiting to start' | 'rejected' | 'expired';

export function releaseOutcome(release: Pick<Release, 'status' | 'approval'>): ReleaseOutcome {
  switch (release.status) {
    case 'failed':
      return release.approval === 'rejected' || release.approval === 'expired' ? release.approval : 'failed';
    case 'pending':
      return release.approval === 'approved' ? 'approved, waiting to start' : 'waiting for approval';
    case 'in-progress':
      return 'in progress';
    case 'succeeded':
      return 'succeeded';
  }
}

/** Whether the release ended without deploying because its approval was rejected or expired. */
export function endedUnapproved(release: Pick<Release, 'status' | 'approval'>): boolean {
  const outcome = releaseOutcome(release);
  return outcome === 'rejected' || outcome === 'expired';
}
