import { z } from 'zod';
import { gatewayTypes } from './gateway';

/**
 * Whether what a gateway serves is the environment's active version: `in-sync`; `drifted` (planners or artifacts
 * missing, unexpected or outdated); `unreachable` (it could not be read or written); `unknown` (not checked yet,
 * or a webhook whose last activation went unanswered).
 */
export const syncStates = ['in-sync', 'drifted', 'unreachable', 'unknown'] as const;

export type SyncState = (typeof syncStates)[number];

/**
 * One gateway compared with the active version. Names are planner names for a Marie gateway and `kind/name` for
 * a webhook: `missing` should be there and is not, `unexpected` is Forge's but belongs to no active artifact,
 * `outdated` is there at another version or with another plan.
 */
export const gatewaySyncSchema = z.object({
  url: z.string(),
  type: z.enum(gatewayTypes),
  state: z.enum(syncStates),
  missing: z.array(z.string()),
  unexpected: z.array(z.string()),
  outdated: z.array(z.string()),
  /** What was found, in a sentence (e.g. why it is unreachable); null when in sync. */
  detail: z.string().nullable(),
});

/** An environment's sync state: the worst of its gateways' (unreachable, drifted, unknown, in-sync), and when it was checked. */
export const environmentSyncSchema = z.object({
  state: z.enum(syncStates),
  checkedAt: z.string().nullable(),
  gateways: z.array(gatewaySyncSchema),
});

export type GatewaySync = z.infer<typeof gatewaySyncSchema>;
export type EnvironmentSync = z.infer<typeof environmentSyncSchema>;

const severity: Record<SyncState, number> = { 'in-sync': 0, unknown: 1, drifted: 2, unreachable: 3 };

/** The environment's state from its gateways': the worst one, `in-sync` with no gateways. */
export function overallSyncState(gateways: readonly Pick<GatewaySync, 'state'>[]): SyncState {
  return gateways.reduce<SyncState>((worst, gateway) => (severity[gateway.state] > severity[worst] ? gateway.state : worst), 'in-sync');
}

/** What differs on one gateway, as `missing: a, b`, `unexpected: c`, `outdated: d` (only the non-empty lists). */
export function gatewayDifferences(gateway: Pick<GatewaySync, 'missing' | 'unexpected' | 'outdated'>): string[] {
  return (
    [
      ['missing', gateway.missing],
      ['unexpected', gateway.unexpected],
      ['outdated', gateway.outdated],
    ] as const
  )
    .filter(([, names]) => names.length > 0)
    .map(([label, names]) => `${label}: ${names.join(', ')}`);
}
