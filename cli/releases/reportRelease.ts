import type { ForgeClient } from '../../client/forgeClient';
import type { Release } from '../../core/api/release';
import { OperationFailedError } from '../errors';
import { progressOutput, type PrintOptions, type Printed } from '../output/printed';
import { followRelease } from './followRelease';
import { gateLines, releaseHeadline } from './releaseText';

/**
 * Shows a release (its gates, and how to approve it when it waits for reviewers) and, with `wait`, follows it to
 * the end. The result is the final release, with a failure (exit 1) when it failed, was rejected or expired. The
 * headline and the progress go to stdout, or to stderr under `--json` so the release is the only thing on stdout.
 */
export async function reportRelease(client: ForgeClient, release: Release, options: PrintOptions & { wait?: boolean }): Promise<Printed> {
  const info = progressOutput(options);
  info.write(`${releaseHeadline(release)}\n${gateLines(release.gates)}`);
  if (release.approval === 'waiting') info.write(`  waiting for reviewers: forge-release approve ${release.id}\n`);
  const final = options.wait ? await followRelease(client, release, info) : release;
  const failure = final.status === 'failed' ? new OperationFailedError(`release ${final.id} failed: ${final.reason ?? 'no reason given'}`) : undefined;
  return { data: final, text: () => '', failure };
}
