import type { Client } from '@libsql/client';
import type { ReleaseKind } from '../../core/api/release';
import type { Version } from '../../core/api/version';
import type { AuthUser } from '../appEnv';
import type { EnvironmentRecord } from '../environments/environmentRecord';
import type { Clock } from '../serviceDeps';

/**
 * A gate's verdict. `awaitsApproval` marks a verdict that does not refuse the release but holds it `pending`
 * with approval `waiting` until reviewers decide (the approvals gate); it does not take the environment lock.
 */
export interface GateVerdict {
  gate: string;
  passed: boolean;
  reason: string;
  awaitsApproval?: boolean;
}

/** What a gate may look at when a release is requested. */
export interface GateContext {
  db: Client;
  clock: Clock;
  user: AuthUser;
  kind: ReleaseKind;
  version: Version;
  environment: EnvironmentRecord;
  /** Every environment, in chain order. */
  chain: readonly EnvironmentRecord[];
  /** This gate's entry in the environment's `gates` config (e.g. `["smoke-tests"]` for required-checks). */
  settings: unknown;
}

/** One quality gate (PRODUCT.md §6): a module per gate under server/gates/, registered by name. */
export interface Gate {
  name: string;
  evaluate(context: GateContext): Promise<GateVerdict>;
}

export type GateRegistry = ReadonlyMap<string, Gate>;

/** A registry from gates; a later gate with the same name replaces an earlier one. */
export function createGateRegistry(gates: readonly Gate[]): GateRegistry {
  return new Map(gates.map((gate) => [gate.name, gate]));
}

/**
 * Runs every gate the environment enables (an entry that is present and not `false`), in config order, and
 * returns every verdict, not only the first failure. A gate named in config but not registered is skipped.
 */
export async function evaluateGates(
  registry: GateRegistry,
  context: Omit<GateContext, 'settings'>,
): Promise<GateVerdict[]> {
  const verdicts: GateVerdict[] = [];
  for (const [name, settings] of Object.entries(context.environment.gates)) {
    const gate = registry.get(name);
    if (settings === undefined || settings === false || !gate) continue;
    verdicts.push(await gate.evaluate({ ...context, settings }));
  }
  return verdicts;
}
