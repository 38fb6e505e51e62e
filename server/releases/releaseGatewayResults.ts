import type { GatewayActivation, ReleaseGatewayResult } from '../../core/api/release';
import type { GatewayOutcome } from '../gateways/activation';

/** One gateway's part of an activation of `version`, as a release records it. */
export function gatewayActivationOf(version: string | null, outcome: GatewayOutcome): GatewayActivation {
  return {
    version,
    outcome: outcome.result === 'applied' ? 'published' : 'failed',
    published: outcome.published,
    removed: outcome.removed,
    detail: outcome.detail,
  };
}

/** What a release records per gateway: its own activation, and where the previous version was restored, that too. */
export function releaseGatewayResults(
  version: string,
  outcomes: readonly GatewayOutcome[],
  restore: { version: string | null; outcomes: readonly GatewayOutcome[] } | null = null,
): ReleaseGatewayResult[] {
  return outcomes.map((outcome) => {
    const restored = restore?.outcomes.find((o) => o.url === outcome.url);
    return {
      url: outcome.url,
      type: outcome.type,
      ...gatewayActivationOf(version, outcome),
      notSent: outcome.notSent,
      restore: restored && restore ? gatewayActivationOf(restore.version, restored) : null,
    };
  });
}

/**
 * What an interrupted release records per gateway once recovery has restored the active version there: its own
 * publication's fate is unknown (its process died during it), the restoration is known.
 */
export function interruptedGatewayResults(version: string, restoredVersion: string | null, outcomes: readonly GatewayOutcome[]): ReleaseGatewayResult[] {
  return outcomes.map((outcome) => ({
    url: outcome.url,
    type: outcome.type,
    version,
    outcome: 'failed',
    published: [],
    removed: [],
    detail: 'interrupted: the process that ran the release stopped',
    notSent: outcome.notSent,
    restore: gatewayActivationOf(restoredVersion, outcome),
  }));
}

/** A note for a failed release's reason when restoring the previous version failed somewhere; null when it held everywhere. */
export function describeRestoreFailure(version: string | null, outcomes: readonly GatewayOutcome[]): string | null {
  const failed = outcomes.filter((o) => o.result !== 'applied');
  if (failed.length === 0) return null;
  return `re-activating ${version ?? 'nothing'} failed on ${failed.map((o) => `${o.url} (${o.detail})`).join(', ')}`;
}
