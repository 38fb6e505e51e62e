import * as vscode from 'vscode';
import { failedGatesOf, ForgeApiError } from '../../client/forgeApiError';
import type { Release } from '../../core/api/release';
import type { ForgeLog } from '../logging';
import type { ForgeConnection } from '../session/forgeSession';
import type { ReleaseUpdates } from '../session/releaseUpdates';
import { statusText } from '../views/releaseNodes';

const pollMs = 1_000;

/**
 * Runs a release request under a progress notification and follows the release to its end: live events when
 * the stream is up, a poll otherwise. A release left waiting for approval ends the progress with that news.
 * Failures (refused gates included) say what failed and offer "Show Logs". Resolves with the last state seen.
 */
export async function runRelease(
  title: string,
  connection: ForgeConnection,
  updates: ReleaseUpdates,
  log: ForgeLog,
  request: () => Promise<Release>,
): Promise<Release | undefined> {
  let release: Release;
  try {
    release = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, async (progress) => {
      progress.report({ message: 'requesting…' });
      const started = await request();
      log.info(`${started.kind} of ${started.version} to ${started.environment} requested (release ${started.id})`);
      return followRelease(started, connection, updates, (current) => progress.report({ message: statusText(current) }));
    });
  } catch (error) {
    void log.reportFailure(`${title} failed`, new Error(describeFailure(error)));
    return undefined;
  }
  const what = `${release.kind} of ${release.version} to ${release.environment}`;
  if (release.status === 'succeeded') {
    log.info(`${what} succeeded`);
    void vscode.window.showInformationMessage(`Forge: ${what} succeeded.`);
  } else if (release.status === 'failed') {
    void log.reportFailure(`Forge: ${what} failed`, new Error(release.reason ?? statusText(release)));
  } else {
    void vscode.window.showInformationMessage(`Forge: ${what} is ${statusText(release)}.`);
  }
  return release;
}

/** Waits until the release succeeds, fails or waits for approval; reports each state it passes through. */
async function followRelease(release: Release, connection: ForgeConnection, updates: ReleaseUpdates, report: (release: Release) => void): Promise<Release> {
  let current = release;
  const settled = (r: Release): boolean => r.status === 'succeeded' || r.status === 'failed' || r.approval === 'waiting';
  while (!settled(current)) {
    report(current);
    // Wake on any event about this release, or after a poll interval, then read its state.
    await new Promise<void>((wake) => {
      const timer = setTimeout(done, pollMs);
      const subscription = updates.onDidUpdate((event) => {
        if (!event || (event.type === 'release.updated' && event.data.id === release.id)) done();
      });
      function done(): void {
        clearTimeout(timer);
        subscription.dispose();
        wake();
      }
    });
    current = await connection.client.getRelease(release.id);
  }
  return current;
}

/** A readable account of a refused or failed request: gate verdicts for `gate_failed`, the API message otherwise. */
export function describeFailure(error: unknown): string {
  if (!(error instanceof ForgeApiError)) return error instanceof Error ? error.message : String(error);
  const failed = failedGatesOf(error);
  if (failed.length > 0) return `${error.message} — ${failed.map((gate) => `${gate.gate}: ${gate.reason}`).join('; ')}`;
  return `${error.message} (${error.status} ${error.code})`;
}
