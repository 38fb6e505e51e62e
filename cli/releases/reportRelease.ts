import type { ForgeClient } from '../../client/forgeClient';
import type { Release } from '../../core/api/release';
import { OperationFailedError } from '../errors';
import { printJson } from '../output/printJson';
import { followRelease } from './followRelease';
import type { ReleaseCommandOptions } from './releaseOptions';
import { gateLines, releaseHeadline } from './releaseText';

/**
 * Prints a requested release (its gates, and how to approve it when it waits for reviewers) and, with `--wait`,
 * follows it to the end: exit 1 when it fails, is rejected or expires. With `--json` the final release object is
 * the only thing on stdout; progress goes to stderr.
 */
export async function reportRelease(client: ForgeClient, release: Release, options: Pick<ReleaseCommandOptions, 'wait' | 'json'>): Promise<void> {
  const info = options.json ? process.stderr : process.stdout;
  info.write(`${releaseHeadline(release)}\n${gateLines(release.gates)}`);
  if (release.approval === 'waiting') info.write(`  waiting for reviewers: forge-release approve ${release.id}\n`);
  const final = options.wait ? await followRelease(client, release, info) : release;
  if (options.json) printJson(final);
  if (final.status === 'failed') throw new OperationFailedError(`release ${final.id} failed: ${final.reason ?? 'no reason given'}`);
}
