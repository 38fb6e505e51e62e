import { gatewayUrlOf, typedGateway, type TypedGateway } from '../../core/api/gateway';
import type { GatewaySync } from '../../core/api/gatewaySync';
import { readStagedSet } from '../environments/environmentDefinitions';
import type { EnvironmentRecord } from '../environments/environmentRecord';
import type { ServiceDeps } from '../serviceDeps';
import type { Queryable } from '../store/database';
import { artifactLabel, type Activation, type GatewayOutcome } from './activation';
import { nextActivationSequence } from './activationSequence';
import { readExpectedState, type ExpectedState } from './expectedState';
import type { GatewayLock } from './gatewayLock';
import { activateMarie, observeMarie } from './marie/marieGateway';
import { marieRegistry } from './marie/marieRegistry';
import { activateWebhook, observeWebhook } from './webhook/webhookGateway';
import { recordWebhookDelivery, webhookDeliveries } from './webhook/webhookDeliveries';

/** An environment's gateways, typed (a bare URL is a webhook). */
export function gatewaysOf(environment: Pick<EnvironmentRecord, 'gateways'>): TypedGateway[] {
  return environment.gateways.map(typedGateway);
}

/**
 * Sends one activation — `state`, numbered with the environment's next activation sequence — to `gateways` at
 * once, under the environment's gateway lock, and records what each webhook acknowledged. Never throws for a
 * gateway's failure: each one's outcome says how it went.
 */
export async function applyActivation(
  deps: ServiceDeps,
  lock: GatewayLock,
  gateways: readonly TypedGateway[],
  state: Omit<ExpectedState, 'environment'>,
  variables: Record<string, string>,
): Promise<GatewayOutcome[]> {
  if (gateways.length === 0) return [];
  const activation: Activation = { ...state, environment: lock.environment, sequence: await nextActivationSequence(deps, lock), variables };
  const outcomes = await Promise.all(gateways.map((gateway) => activateOne(deps, gateway, activation)));
  for (const outcome of outcomes) {
    if (outcome.type !== 'webhook' || !outcome.touched) continue;
    const delivery = { version: activation.version, releaseId: activation.releaseId, sequence: activation.sequence, acknowledged: outcome.result === 'applied' };
    // The outcomes must reach the caller whatever happens here: a failed release restores the gateways from them.
    await recordWebhookDelivery(deps.db, lock.environment, outcome.url, delivery, deps.clock()).catch((err: unknown) =>
      deps.logger.error({ err, environment: lock.environment, gateway: outcome.url }, 'recording what a webhook acknowledged failed'),
    );
  }
  return outcomes;
}

/**
 * Re-publishes the environment's active version (or, with nothing active, removes what Forge published) on
 * `gateways`: a failed release's compensation, recovery after a crash, and the reconciler's heal.
 */
export async function restoreActiveVersion(
  deps: ServiceDeps,
  lock: GatewayLock,
  envDb: Queryable,
  gateways: readonly TypedGateway[],
  variables: Record<string, string>,
): Promise<{ expected: ExpectedState; outcomes: GatewayOutcome[] }> {
  const expected = await readExpectedState(envDb, lock.environment);
  return { expected, outcomes: await applyActivation(deps, lock, gateways, expected, variables) };
}

/** Compares every gateway with `expected`: Marie registries are read; webhooks are judged by what they last acknowledged. */
export async function observeGateways(
  deps: ServiceDeps,
  envDb: Queryable,
  gateways: readonly TypedGateway[],
  expected: ExpectedState,
  variables: Record<string, string>,
): Promise<GatewaySync[]> {
  const deliveries = await webhookDeliveries(deps.db, expected.environment);
  return Promise.all(
    gateways.map(async (gateway): Promise<GatewaySync> => {
      const url = gatewayUrlOf(gateway);
      if (gateway.type === 'webhook') {
        const delivery = deliveries.get(url);
        const heldVersion = delivery?.acknowledged ? delivery.version : null;
        const held = heldVersion !== null && heldVersion !== expected.version ? await readStagedSet(envDb, heldVersion) : [];
        return observeWebhook(url, expected, delivery, held);
      }
      const token = credential(gateway, variables);
      if (!token.ok) return { url, type: 'marie', state: 'unknown', missing: [], unexpected: [], outdated: [], detail: `cannot be checked: ${token.missing}` };
      return observeMarie(url, marieRegistry(url, token.value, deps.gatewayTimeoutMs), expected);
    }),
  );
}

async function activateOne(deps: ServiceDeps, gateway: TypedGateway, activation: Activation): Promise<GatewayOutcome> {
  const url = gatewayUrlOf(gateway);
  const secret = credential(gateway, activation.variables);
  if (!secret.ok) {
    const notSent = gateway.type === 'marie' ? activation.artifacts.filter((a) => a.kind !== 'workflow').map(artifactLabel) : [];
    return { url, type: gateway.type, result: 'refused', touched: false, published: [], removed: [], notSent, detail: secret.missing };
  }
  if (gateway.type === 'marie') return activateMarie(url, marieRegistry(url, secret.value, deps.gatewayTimeoutMs), activation);
  const signing = gateway.secretVariable && secret.value !== null ? { variable: gateway.secretVariable, value: secret.value } : null;
  return activateWebhook({ url, secret: signing }, activation, deps.gatewayTimeoutMs);
}

/** The value of the variable a gateway names for its credential: null when it names none; `missing` says which is not set. */
function credential(gateway: TypedGateway, variables: Record<string, string>): { ok: true; value: string | null } | { ok: false; missing: string } {
  const variable = gateway.type === 'marie' ? gateway.tokenVariable : gateway.secretVariable;
  if (variable === undefined) return { ok: true, value: null };
  const value = variables[variable];
  if (value === undefined) {
    return { ok: false, missing: `the variable ${variable} it names (${gateway.type === 'marie' ? 'tokenVariable' : 'secretVariable'}) is not set in this environment` };
  }
  return { ok: true, value };
}
