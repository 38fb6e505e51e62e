import type { EnvironmentUpdate } from '../../core/api/environment';
import { gatewayUrlOf, typedGateway, type GatewayEntry } from '../../core/api/gateway';
import { canonicalJson } from '../../core/json/canonicalJson';
import type { AuthUser } from '../appEnv';
import { appendAuditEvent } from '../audit/appendAuditEvent';
import { ConflictError } from '../errors';
import type { ServiceDeps } from '../serviceDeps';
import type { Database } from '../store/database';
import { saveVerificationConfigStatement, verificationConfigOf } from '../verification/verificationStore';
import { defaultEnvironmentChain, newEnvironmentConfig } from './defaultEnvironments';
import type { EnvironmentRecord } from './environmentRecord';
import { configOf, findEnvironmentRecord, listEnvironmentRecords, saveEnvironmentStatement } from './environmentStore';

/** Serialises the changes to the set of environments (creation, seeding, configuration). */
const environmentsLock = 'environments';

/**
 * Merges a partial update into an environment, creating it when absent, and audits `environment.updated` with the
 * fields that changed in the same transaction; an update that changes nothing is neither written nor audited.
 * Returns whether it was created. The database URL is fixed once the environment exists.
 */
export async function updateEnvironment(deps: ServiceDeps, user: AuthUser, name: string, update: EnvironmentUpdate): Promise<boolean> {
  const created = await deps.db.transaction(async (tx) => {
    // Concurrent updates merge one after the other, and two creations of one name create it once.
    await tx.lock(environmentsLock);
    const at = deps.clock();
    const existing = await findEnvironmentRecord(tx, name);
    if (existing && update.databaseUrl !== undefined && update.databaseUrl !== existing.databaseUrl) {
      throw new ConflictError('database_url_fixed', `the database of ${name} cannot change once the environment exists`, { environment: name });
    }
    const lastOrder = await tx.execute('SELECT COALESCE(MAX(position), 0) AS last FROM environments');
    // A new environment's deploy role defaults to what the role matrix allows for its tier.
    const base = existing
      ? configOf(existing)
      : newEnvironmentConfig(update.tier ?? 'development', Number(lastOrder.rows[0]?.last ?? 0) + 1, deps.environmentDatabases.defaultUrl(name));
    const { verification, ...configUpdate } = update;
    const given = definedFields(configUpdate);
    const merged = { ...base, ...given };
    // Only what differs is a change: a PUT that changes nothing writes and audits nothing.
    const changed = Object.keys(given).filter(
      (field) => !existing || canonicalJson(base[field as keyof typeof base]) !== canonicalJson(merged[field as keyof typeof merged]),
    );
    const verificationChanged = verification !== undefined && canonicalJson(verification) !== canonicalJson(existing ? await verificationConfigOf(tx, name) : null);
    if (verificationChanged) changed.push('verification');
    if (existing && changed.length === 0) return null;
    if (update.gateways !== undefined) assertMarieGatewaysFree(name, merged.gateways, await listEnvironmentRecords(tx));
    await tx.execute(saveEnvironmentStatement(name, merged, at));
    if (verificationChanged) await tx.execute(saveVerificationConfigStatement(name, verification, at));
    await appendAuditEvent(
      tx,
      {
        actor: user.name,
        action: 'environment.updated',
        environment: name,
        outcome: 'success',
        details: { created: !existing, fields: changed.sort() },
      },
      at,
    );
    return !existing;
  });
  if (created !== null) await deps.events.publish({ type: 'environment.updated', data: { name } });
  return created ?? false;
}

/**
 * Creates the default chain (development → staging → production) on an empty database, each with its own
 * database under the data dir. Returns the names created (none when environments already exist).
 */
export async function seedEnvironments(db: Database, defaultUrl: (name: string) => string, at: Date): Promise<string[]> {
  return db.transaction(async (tx) => {
    // Replicas starting together on an empty database: the first seeds, the others find the chain there.
    await tx.lock(environmentsLock);
    const any = await tx.execute('SELECT 1 FROM environments LIMIT 1');
    if (any.rows.length > 0) return [];
    for (const { name, ...config } of defaultEnvironmentChain) {
      await tx.execute(saveEnvironmentStatement(name, { ...config, databaseUrl: defaultUrl(name) }, at));
      await appendAuditEvent(
        tx,
        { actor: 'system', action: 'environment.updated', environment: name, outcome: 'success', details: { created: true, fields: Object.keys(config).sort() } },
        at,
      );
    }
    return defaultEnvironmentChain.map((e) => e.name);
  });
}

/**
 * A Marie-AI registry holds one planner per name, so two environments publishing to one gateway would replace
 * each other's workflows: 409 `gateway_in_use` naming the environment that has it.
 */
function assertMarieGatewaysFree(name: string, gateways: readonly GatewayEntry[], environments: readonly EnvironmentRecord[]): void {
  const marieUrls = (entries: readonly GatewayEntry[]) =>
    entries
      .map(typedGateway)
      .filter((g) => g.type === 'marie')
      .map(gatewayUrlOf);
  for (const other of environments) {
    if (other.name === name) continue;
    const shared = marieUrls(gateways).find((url) => marieUrls(other.gateways).includes(url));
    if (shared) {
      throw new ConflictError(
        'gateway_in_use',
        `the Marie gateway ${shared} already serves ${other.name}: a registry holds one planner per name, so give each environment its own gateway`,
        {
          gateway: shared,
          environment: other.name,
        },
      );
    }
  }
}

function definedFields<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
