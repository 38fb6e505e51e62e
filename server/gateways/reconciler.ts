import type { TypedGateway } from '../../core/api/gateway';
import type { EnvironmentSync, GatewaySync } from '../../core/api/gatewaySync';
import { appendStandaloneAuditEvents } from '../audit/appendAuditEvent';
import { auditEventInput } from '../audit/auditActions';
import type { EnvironmentRecord } from '../environments/environmentRecord';
import { findEnvironmentRecord, listEnvironmentRecords } from '../environments/environmentStore';
import { LockHeldError, NotFoundError } from '../errors';
import type { ServiceDeps } from '../serviceDeps';
import type { GatewayOutcome } from './activation';
import { applyActivation, gatewaysOf, observeGateways } from './environmentGateways';
import { readExpectedState } from './expectedState';
import { releaseGatewayLock, tryGatewayLock, type GatewayLock } from './gatewayLock';
import { saveSync } from './syncStore';

/** What asked for a reconcile; recorded in `gateway.reconciled`. */
export type ReconcileTrigger = 'startup' | 'interval' | 'release' | 'request';

/*
 * The reconciler: compares every gateway of an environment with its active version and, when told to heal,
 * re-publishes that version on the gateways that drifted. Each check holds the environment's gateway lock, so
 * it never runs beside a release's publication, a recovery or another replica's check: checks of several
 * replicas follow one another, and the second finds the gateways healed, never healing twice.
 */

/**
 * Checks one environment in the background unless its gateways are busy (a release runs or another check holds
 * the lock: whoever holds it leaves the gateways checked), healing drift when the environment's mode is `auto`.
 */
export function reconcileInBackground(deps: ServiceDeps, environment: string, trigger: ReconcileTrigger): void {
  deps.tasks.run(() => reconcileIfFree(deps, environment, trigger));
}

/**
 * `POST /api/environments/:name/reconcile`: checks the environment and re-publishes its active version on
 * every gateway that drifted, whatever its mode; answers the new sync state. Waits for another check to end;
 * 409 `lock_held` while a release of the environment runs.
 */
export async function reconcileNow(deps: ServiceDeps, environment: string, actor: string): Promise<EnvironmentSync> {
  for (let delayMs = 10; ; delayMs = Math.min(delayMs * 2, 250)) {
    const lock = await tryGatewayLock(deps, environment, 'reconcile', { whenIdle: true });
    if (lock === 'release-in-progress') throw new LockHeldError(environment);
    if (lock !== 'held') return withLock(deps, lock, (record) => checkAndHeal(deps, lock, record, { trigger: 'request', heal: true, actor }));
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}

/** Checks every environment every `intervalMs` (and once at once, at start-up); `stop` waits for checks running. */
export function startReconciler(deps: ServiceDeps, intervalMs: number): { stop(): Promise<void> } {
  const running = new Map<string, Promise<unknown>>();
  let stopped = false;
  const pass = async (trigger: ReconcileTrigger) => {
    const environments = await listEnvironmentRecords(deps.db);
    for (const { name } of environments) {
      // A slow gateway delays its own environment's checks only.
      if (stopped || running.has(name)) continue;
      const check = reconcileIfFree(deps, name, trigger)
        .catch((err: unknown) => deps.logger.error({ err, environment: name }, 'reconciling gateways failed'))
        .finally(() => running.delete(name));
      running.set(name, check);
    }
  };
  const tick = (trigger: ReconcileTrigger) => void pass(trigger).catch((err: unknown) => deps.logger.error({ err }, 'reconciling gateways failed'));
  tick('startup');
  const timer = setInterval(() => tick('interval'), intervalMs);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.allSettled([...running.values()]);
    },
  };
}

async function reconcileIfFree(deps: ServiceDeps, environment: string, trigger: ReconcileTrigger): Promise<EnvironmentSync | null> {
  const lock = await tryGatewayLock(deps, environment, 'reconcile', { whenIdle: true });
  if (typeof lock === 'string') return null;
  return withLock(deps, lock, (record) => checkAndHeal(deps, lock, record, { trigger, heal: record.reconcile === 'auto', actor: 'system' }));
}

/** Runs `work` on the environment as it is now that the lock is held, then gives the lock back. */
async function withLock<T>(deps: ServiceDeps, lock: GatewayLock, work: (environment: EnvironmentRecord) => Promise<T>): Promise<T> {
  try {
    const record = await findEnvironmentRecord(deps.db, lock.environment);
    if (!record) throw new NotFoundError('environment', lock.environment);
    return await work(record);
  } finally {
    await releaseGatewayLock(deps, lock);
  }
}

interface CheckOptions {
  trigger: ReconcileTrigger;
  heal: boolean;
  actor: string;
}

/** One check under the gateway lock: observe, heal what drifted (if asked), observe what was healed, store the result. */
async function checkAndHeal(deps: ServiceDeps, lock: GatewayLock, environment: EnvironmentRecord, options: CheckOptions): Promise<EnvironmentSync> {
  const gateways = gatewaysOf(environment);
  if (gateways.length === 0) return saveSync(deps, environment, []);
  const envDb = await deps.environmentDatabases.open(environment.databaseUrl);
  const expected = await readExpectedState(envDb, environment.name);
  const variables = await deps.variables(environment).catch((err: unknown) => {
    deps.logger.error({ err, environment: environment.name }, 'the variables of the environment cannot be read; its gateways are checked without them');
    return null;
  });
  const observed = await observeGateways(deps, envDb, gateways, expected, variables ?? {});
  const drifted = gateways.filter((_, index) => ['drifted', 'unknown'].includes(observed[index]!.state));
  if (!options.heal || drifted.length === 0 || variables === null) return saveSync(deps, environment, observed);

  const outcomes = await applyActivation(deps, lock, drifted, expected, variables);
  if (outcomes.some((outcome) => outcome.touched)) {
    await appendStandaloneAuditEvents(
      deps.db,
      [
        auditEventInput({
          actor: options.actor,
          action: 'gateway.reconciled',
          environment: environment.name,
          version: expected.version,
          releaseId: expected.releaseId,
          outcome: outcomes.every((outcome) => outcome.result === 'applied') ? 'success' : 'failure',
          details: {
            trigger: options.trigger,
            gateways: outcomes.map(({ url, type, result, published, removed, detail }) => ({
              url,
              type,
              outcome: result === 'applied' ? 'published' : 'failed',
              published,
              removed,
              detail,
            })),
          },
        }),
      ],
      deps.clock(),
    );
    deps.logger.info({ environment: environment.name, version: expected.version, gateways: outcomes.map((o) => `${o.url} ${o.result}`) }, 'reconciled drifted gateways');
  }
  const healed = await observeGateways(deps, envDb, drifted, expected, variables);
  return saveSync(
    deps,
    environment,
    observed.map((before, index) => afterHeal(before, gateways[index]!, drifted, healed, outcomes)),
  );
}

/** A gateway's state after a heal: as observed again, or for one the heal could not reach, unreachable. */
function afterHeal(
  before: GatewaySync,
  gateway: TypedGateway,
  drifted: readonly TypedGateway[],
  healed: readonly GatewaySync[],
  outcomes: readonly GatewayOutcome[],
): GatewaySync {
  const index = drifted.indexOf(gateway);
  if (index < 0) return before;
  const outcome = outcomes[index]!;
  const after = healed[index]!;
  if (outcome.result === 'applied' || after.state === 'unreachable') return after;
  return {
    ...after,
    state: outcome.result === 'unreachable' ? 'unreachable' : after.state,
    detail: `re-publishing failed: ${outcome.detail}${after.detail ? `; ${after.detail}` : ''}`,
  };
}
