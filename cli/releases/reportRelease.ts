import type { ForgeClient } from '../../client/forgeClient';
import type { Release } from '../../core/api/release';
import { OperationFailedError, VerificationOutcomeError } from '../errors';
import { progressOutput, type PrintOptions, type Printed } from '../output/printed';
import { followRelease } from './followRelease';
import { gateLines, releaseHeadline } from './releaseText';

/**
 * Shows a release (its gates, and how to approve it when it waits for reviewers) and, with `wait`, follows it to
 * the end of its verification window. The result is the final release, with a failure when it failed, was
 * rejected or expired (exit 1), or succeeded but its verification failed (exit 4) or was inconclusive (exit 5).
 * The headline and the progress go to stdout, or to stderr under `--json` so the release is the only thing on stdout.
 */
export async function reportRelease(client: ForgeClient, release: Release, options: PrintOptions & { wait?: boolean }): Promise<Printed> {
  const info = progressOutput(options);
  info.write(`${releaseHeadline(release)}\n${gateLines(release.gates)}`);
  if (release.approval === 'waiting') info.write(`  waiting for reviewers: forge-release approve ${release.id}\n`);
  const final = options.wait ? await followRelease(client, release, info) : release;
  return { data: final, text: () => '', failure: failureOf(final) };
}

function failureOf(release: Release): Error | undefined {
  if (release.status === 'failed') return new OperationFailedError(`release ${release.id} failed: ${release.reason ?? 'no reason given'}`);
  const verification = release.verification;
  if (!verification || (verification.state !== 'failed' && verification.state !== 'inconclusive')) return undefined;
  const rollback = verification.rollbackReleaseId ? `; rolled back by release ${verification.rollbackReleaseId}` : '';
  const reason = verification.reason ?? 'no reason given';
  const message =
    verification.state === 'failed'
      ? `release ${release.id} succeeded, then its verification failed: ${reason}${rollback}`
      : `release ${release.id} succeeded, but its verification was inconclusive: ${reason}`;
  return new VerificationOutcomeError(message, verification.state);
}
