import { gatewayUrlOf } from '../../core/api/gateway';
import type { DryRun, GatewayPlan } from '../../core/api/release';
import type { Version } from '../../core/api/version';
import type { EnvironmentRecord } from '../environments/environmentRecord';
import { artifactLabel } from '../gateways/activation';
import { gatewaysOf } from '../gateways/environmentGateways';
import { findStoredSync } from '../gateways/syncStore';
import type { Database } from '../store/database';
import { findVersion } from '../versions/versionStore';

/** The artifact-level plan of deploying `version` over `activeVersion`: added, changed and removed by kind and name. */
export async function releasePlan(db: Database, version: Version, activeVersion: string | null): Promise<DryRun['plan']> {
  const active = activeVersion ? await findVersion(db, activeVersion) : null;
  const key = (a: { kind: string; name: string }) => `${a.kind}/${a.name}`;
  const before = new Map((active?.artifacts ?? []).map((a) => [key(a), a]));
  const after = new Map(version.artifacts.map((a) => [key(a), a]));
  const entry = (a: { kind: string; name: string; hash: string }) => ({ kind: a.kind, name: a.name, hash: a.hash });
  return {
    added: version.artifacts.filter((a) => !before.has(key(a))).map(entry),
    changed: version.artifacts.filter((a) => before.has(key(a)) && before.get(key(a))?.hash !== a.hash).map(entry),
    removed: (active?.artifacts ?? []).filter((a) => !after.has(key(a))).map(entry),
  };
}

/**
 * What each gateway would receive and remove: a Marie gateway registers every workflow of the version (each
 * planner carries the version) and loses Forge's planners of workflows the version no longer has, and any other
 * of Forge's planners the last check found there; a webhook receives every artifact, and drops those the
 * manifest no longer lists.
 */
export async function gatewayPlans(db: Database, environment: EnvironmentRecord, version: Version): Promise<GatewayPlan[]> {
  const active = environment.activeVersion ? await findVersion(db, environment.activeVersion) : null;
  const sync = await findStoredSync(db, environment.name);
  const labels = version.artifacts.map(artifactLabel);
  const dropped = (active?.artifacts ?? []).map(artifactLabel).filter((label) => !labels.includes(label));
  const workflows = version.artifacts.filter((a) => a.kind === 'workflow').map((a) => a.name);
  return gatewaysOf(environment).map((gateway): GatewayPlan => {
    const url = gatewayUrlOf(gateway);
    if (gateway.type === 'webhook') return { url, type: 'webhook', publish: labels, remove: dropped, notSent: [] };
    const unexpected = sync?.gateways.find((entry) => entry.url === url && entry.type === 'marie')?.unexpected ?? [];
    const removedWorkflows = dropped.filter((label) => label.startsWith('workflow/')).map((label) => label.slice('workflow/'.length));
    const remove = [...new Set([...removedWorkflows, ...unexpected])].filter((name) => !workflows.includes(name)).sort();
    return { url, type: 'marie', publish: workflows, remove, notSent: labels.filter((label) => !label.startsWith('workflow/')) };
  });
}
