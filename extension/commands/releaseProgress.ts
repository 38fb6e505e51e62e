import * as vscode from 'vscode';
import type { Environment } from '../../core/api/environment';
import type { Release } from '../../core/api/release';
import type { ForgeLog } from '../logging';
import type { ForgeConnection } from '../session/forgeSession';
import type { ReleaseUpdates } from '../session/releaseUpdates';
import { offerFixes, reportRefusal } from './fixingActions';

const pollMs = 1_000;

/** What a release request is about: the version and the environment it goes to. */
export interface ReleaseRequestTarget {
  version: string;
  environment: Environment;
}

/**
 * Runs a release request under one progress notification that shows its real stages (gates, waiting for the
 * environment, deploying, activating on the gateways) and follows the release to its end — live events when the
 * stream is up, a poll otherwise. The notification then ends as the result: a success only in the status bar
 * (the views show it too), a wait for approval or a failure as one message with the next action. A refusal names
 * each failed gate and offers the action that fixes it. Resolves with the last state seen.
 */
export async function runRelease(
  title: string,
  connection: ForgeConnection,
  updates: ReleaseUpdates,
  log: ForgeLog,
  target: ReleaseRequestTarget,
  request: () => Promise<Release>,
): Promise<Release | undefined> {
  let release: Release;
  try {
    release = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, async (progress) => {
      progress.report({ message: 'checking the quality gates…' });
      const started = await request();
      log.info(`${started.kind} of ${started.version} to ${started.environment} requested (release ${started.id})`);
      return followRelease(started, connection, updates, (current) => progress.report({ message: stageText(current, target.environment) }));
    });
  } catch (error) {
    await reportRefusal(`${title} failed`, error, connection, log, { version: target.version, environment: target.environment.name });
    return undefined;
  }
  const what = `${release.kind} of ${release.version} to ${release.environment}`;
  const openDetails = { label: 'Open Release Details', command: 'forge.openRelease', args: [release.id] };
  if (release.status === 'succeeded') {
    log.info(`${what} succeeded`);
    vscode.window.setStatusBarMessage(`$(pass) Forge: ${release.environment} runs ${release.version}`, 10_000);
  } else if (release.status === 'failed') {
    log.error(`${what} failed: ${release.reason ?? 'no reason given'}`);
    void offerFixes(vscode.window.showErrorMessage(`Forge: ${what} failed: ${release.reason ?? 'no reason given'}`, openDetails.label, 'Show Logs'), [openDetails], log);
  } else {
    const policy = target.environment.approvalPolicy;
    const who = policy ? ` from ${policy.reviewers.join(' or ')}` : '';
    log.info(`${what} waits for approval`);
    void offerFixes(
      vscode.window.showInformationMessage(
        `Forge: ${release.version} → ${release.environment} waits for ${policy?.required ?? 'the required'} approvals${who}; you cannot approve your own release.`,
        openDetails.label,
      ),
      [openDetails],
      log,
    );
  }
  return release;
}

/** The stage a release is in, as the progress notification says it. */
function stageText(release: Release, environment: Environment): string {
  if (release.status === 'in-progress') {
    const gateways = environment.gateways.length;
    return gateways === 0 ? `deploying ${release.version}…` : `deploying ${release.version} and activating it on ${gateways} ${gateways === 1 ? 'gateway' : 'gateways'}…`;
  }
  if (release.status === 'pending')
    return release.approval === 'approved' ? 'approved; waiting for the environment to be free…' : `gates passed; waiting for ${release.environment} to be free…`;
  return release.status;
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
