import type { GatewaySync } from '../../../core/api/gatewaySync';
import { artifactLabel, type Activation, type GatewayOutcome } from '../activation';
import type { ExpectedState } from '../expectedState';
import { forgePlanners, isForgePlanner, isPublishedAs } from './forgePlanners';
import type { MarieRegistry, PlannerMetadata, PlannerRegistration, RegistryFailure } from './marieRegistry';

/**
 * Makes a Marie-AI gateway hold exactly the activation's workflows as Forge's planners (MARIE-GATEWAY.md §1).
 * It reads the registry first, refuses before writing anything if a workflow's name is taken by a planner that is
 * not Forge's (a code planner), then re-publishes each planner that differs — `DELETE` then `POST`, since Marie
 * has no update — and verifies every publish with `GET` (a timeout or a dropped answer is decided by that read),
 * and finally unregisters Forge's planners the activation no longer has. Planners already as wanted are left alone.
 */
export async function activateMarie(url: string, registry: MarieRegistry, activation: Activation): Promise<GatewayOutcome> {
  const outcome: GatewayOutcome = {
    url,
    type: 'marie',
    result: 'applied',
    touched: false,
    published: [],
    removed: [],
    notSent: activation.artifacts.filter((a) => a.kind !== 'workflow').map(artifactLabel),
    detail: '',
  };
  const fail = (failure: Pick<RegistryFailure, 'kind' | 'detail'>): GatewayOutcome => ({
    ...outcome,
    result: failure.kind,
    detail: failure.detail,
  });

  const listed = await registry.list();
  if (!listed.ok) return fail(listed);
  const registered = new Map(listed.planners.map((planner) => [planner.name, planner]));
  const wanted = forgePlanners(activation.environment, activation.version, activation.artifacts);
  const foreign = wanted.filter((planner) => registered.has(planner.name) && !isForgePlanner(registered.get(planner.name)!, activation.environment));
  if (foreign.length > 0) return fail({ kind: 'refused', detail: foreignDetail(foreign.map((p) => registered.get(p.name)!)) });

  for (const planner of wanted) {
    const current = registered.get(planner.name);
    if (current && isPublishedAs(current, planner)) continue;
    outcome.touched = true;
    const failure = await publish(registry, planner, current !== undefined);
    if (failure) return fail(failure);
    outcome.published.push(planner.name);
  }
  const keep = new Set(wanted.map((planner) => planner.name));
  for (const planner of listed.planners) {
    if (keep.has(planner.name) || !isForgePlanner(planner, activation.environment)) continue;
    outcome.touched = true;
    const failure = await unpublish(registry, planner.name);
    if (failure) return fail(failure);
    outcome.removed.push(planner.name);
  }
  const changes = outcome.published.length + outcome.removed.length;
  return { ...outcome, detail: changes === 0 ? 'already held every planner' : `registered ${outcome.published.length}, unregistered ${outcome.removed.length} planners` };
}

/** Compares a Marie-AI gateway's registry with what it should hold. */
export async function observeMarie(url: string, registry: MarieRegistry, expected: ExpectedState): Promise<GatewaySync> {
  const listed = await registry.list();
  if (!listed.ok) return { url, type: 'marie', state: 'unreachable', missing: [], unexpected: [], outdated: [], detail: listed.detail };
  const registered = new Map(listed.planners.map((planner) => [planner.name, planner]));
  const wanted = forgePlanners(expected.environment, expected.version, expected.artifacts);
  const missing: string[] = [];
  const outdated: string[] = [];
  const foreign: PlannerMetadata[] = [];
  for (const planner of wanted) {
    const current = registered.get(planner.name);
    if (!current) missing.push(planner.name);
    else if (!isForgePlanner(current, expected.environment)) {
      missing.push(planner.name);
      foreign.push(current);
    } else if (!isPublishedAs(current, planner)) outdated.push(planner.name);
  }
  const names = new Set(wanted.map((planner) => planner.name));
  const unexpected = listed.planners.filter((p) => !names.has(p.name) && isForgePlanner(p, expected.environment)).map((p) => p.name);
  const drifted = missing.length + outdated.length + unexpected.length > 0;
  const details = [
    missing.length > foreign.length ? `${missing.length - foreign.length} planners missing` : null,
    outdated.length > 0 ? `${outdated.length} at another version or plan` : null,
    unexpected.length > 0 ? `${unexpected.length} of Forge's planners belong to no active workflow` : null,
    foreign.length > 0 ? foreignDetail(foreign) : null,
  ].filter((line): line is string => line !== null);
  return {
    url,
    type: 'marie',
    state: drifted ? 'drifted' : 'in-sync',
    missing: missing.sort(),
    unexpected: unexpected.sort(),
    outdated: outdated.sort(),
    detail: drifted ? details.join('; ') : null,
  };
}

/** `DELETE` (when the name is registered) then `POST`, decided by reading the planner back. */
async function publish(registry: MarieRegistry, planner: PlannerRegistration, registered: boolean): Promise<RegistryFailure | null> {
  if (registered) {
    const failure = await unpublish(registry, planner.name);
    if (failure) return failure;
  }
  const posted = await registry.register(planner);
  const check = await registry.get(planner.name);
  if (check.ok && check.planner && isPublishedAs(check.planner, planner)) return null;
  if (!posted.ok) return posted;
  if (!check.ok) return { ...check, detail: `registered planner ${planner.name}, then ${check.detail}` };
  return {
    ok: false,
    kind: 'refused',
    detail: `registered planner ${planner.name}, but reading it back shows ${check.planner ? `version ${check.planner.version ?? 'none'} with another plan` : 'no such planner'}`,
  };
}

/** `DELETE`; an unclear answer is decided by reading the planner back. */
async function unpublish(registry: MarieRegistry, name: string): Promise<RegistryFailure | null> {
  const deleted = await registry.unregister(name);
  if (deleted.ok) return null;
  const check = await registry.get(name);
  if (check.ok && check.planner === null) return null;
  return deleted;
}

function foreignDetail(planners: readonly PlannerMetadata[]): string {
  const owner = (p: PlannerMetadata) => {
    const environment = (p.tags ?? []).find((tag) => tag.startsWith('forge-env:'))?.slice('forge-env:'.length);
    return environment && (p.tags ?? []).includes('forge') ? `Forge's planner of ${environment}` : `${p.source_type ?? 'unknown'} planner`;
  };
  const list = planners.map((p) => `${p.name} (${owner(p)})`).join(', ');
  return `workflow names taken by planners Forge did not register, which it never replaces: ${list}`;
}
