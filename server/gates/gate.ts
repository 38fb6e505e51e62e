import type { FreezeOverrideRequest, ReleaseKind } from '../../core/api/release';
import type { GateName, GateResult } from '../../core/gates/gateResult';
import type { Version } from '../../core/api/version';
import type { AuthUser } from '../appEnv';
import type { EnvironmentRecord } from '../environments/environmentRecord';
import type { Clock } from '../serviceDeps';
import type { Database } from '../store/database';

/** What a gate may look at when a release is requested. */
export interface GateContext {
  db: Database;
  clock: Clock;
  user: AuthUser;
  kind: ReleaseKind;
  version: Version;
  environment: EnvironmentRecord;
  /** Every environment, in chain order. */
  chain: readonly EnvironmentRecord[];
  /** An admin's break-glass override of a freeze (the caller has checked the role). */
  override: FreezeOverrideRequest | null;
  /** This gate's entry in the environment's `gates` config (e.g. `["smoke-tests"]` for required-checks). */
  settings: unknown;
}

/** One quality gate (PRODUCT.md §6): a module per gate under server/gates/, registered by name. */
export interface Gate {
  name: GateName;
  /** Whether the gate runs for an environment whose config leaves it out (an explicit `false` always disables it). */
  runsWithoutConfig?(environment: EnvironmentRecord): boolean;
  evaluate(context: GateContext): Promise<GateResult>;
}

export type GateRegistry = ReadonlyMap<GateName, Gate>;

/** A registry from gates; a later gate with the same name replaces an earlier one. */
export function createGateRegistry(gates: readonly Gate[]): GateRegistry {
  return new Map(gates.map((gate) => [gate.name, gate]));
}

/**
 * Runs every gate the environment enables (an entry that is present and not `false`), in config order, then
 * the gates that run without config (e.g. `freeze` when windows exist), in registry order. Returns every
 * verdict, not only the first failure. A gate named in config but not registered is skipped. `only` limits
 * the run to some gates (a rollback checks only `freeze`).
 */
export async function evaluateGates(registry: GateRegistry, context: Omit<GateContext, 'settings'>, only?: readonly GateName[]): Promise<GateResult[]> {
  const configured: Record<string, unknown> = context.environment.gates;
  const wanted = (gate: Gate | undefined): gate is Gate => gate !== undefined && (!only || only.includes(gate.name));
  const verdicts: GateResult[] = [];
  for (const [name, settings] of Object.entries(configured)) {
    const gate = registry.get(name as GateName);
    if (settings === undefined || settings === false || !wanted(gate)) continue;
    verdicts.push(await gate.evaluate({ ...context, settings }));
  }
  for (const gate of registry.values()) {
    if (configured[gate.name] !== undefined || !wanted(gate) || !gate.runsWithoutConfig?.(context.environment)) continue;
    verdicts.push(await gate.evaluate({ ...context, settings: true }));
  }
  return verdicts;
}
