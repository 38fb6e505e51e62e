import { canonicalJson } from '../../core/json/canonicalJson';
import { gatewayUrlOf } from '../../core/api/gateway';
import { overallSyncState, type EnvironmentSync, type GatewaySync, type SyncState } from '../../core/api/gatewaySync';
import type { EnvironmentRecord } from '../environments/environmentRecord';
import { listEnvironmentRecords } from '../environments/environmentStore';
import type { ServiceDeps } from '../serviceDeps';
import type { Queryable, Row } from '../store/database';
import { gatewaysOf } from './environmentGateways';

/** An environment's last check as stored. */
export interface StoredSync {
  checkedAt: string;
  gateways: GatewaySync[];
}

/** The columns of `environment_sync` alias `alias`, renamed `sync_*` (read back with storedSyncFromRow). */
export function syncColumnsOf(alias: string): string {
  return `${alias}.checked_at AS sync_checked_at, ${alias}.gateways AS sync_gateways`;
}

/** The stored check in a row selected with syncColumnsOf, or null when the environment was never checked. */
export function storedSyncFromRow(row: Row): StoredSync | null {
  if (row.sync_checked_at === null || row.sync_checked_at === undefined) return null;
  return { checkedAt: String(row.sync_checked_at), gateways: JSON.parse(String(row.sync_gateways)) as GatewaySync[] };
}

/** One environment's stored check, or null before its first. */
export async function findStoredSync(db: Queryable, environment: string): Promise<StoredSync | null> {
  const result = await db.execute({ sql: `SELECT ${syncColumnsOf('s')} FROM environment_sync s WHERE s.environment = ?`, args: [environment] });
  const row = result.rows[0];
  return row ? storedSyncFromRow(row) : null;
}

/** Every environment's stored check, by name. */
export async function storedSyncs(db: Queryable): Promise<Map<string, StoredSync>> {
  const result = await db.execute(`SELECT environment, ${syncColumnsOf('s')} FROM environment_sync s`);
  return new Map(result.rows.map((row) => [String(row.environment), storedSyncFromRow(row)!]));
}

/**
 * The sync state of an environment's gateways as configured now: each one's last checked state, `unknown` for a
 * gateway added since; the environment's state is the worst of theirs.
 */
export function environmentSyncOf(environment: Pick<EnvironmentRecord, 'gateways'>, stored: StoredSync | null): EnvironmentSync {
  const gateways = gatewaysOf(environment).map((gateway): GatewaySync => {
    const url = gatewayUrlOf(gateway);
    const checked = stored?.gateways.find((entry) => entry.url === url && entry.type === gateway.type);
    return checked ?? { url, type: gateway.type, state: 'unknown', missing: [], unexpected: [], outdated: [], detail: 'not checked yet' };
  });
  return { state: overallSyncState(gateways), checkedAt: stored?.checkedAt ?? null, gateways };
}

/**
 * Stores a check of an environment's gateways and announces it on the event stream (`environment.sync`) when
 * anything but the time changed. Written by the holder of the environment's gateway lock only.
 */
export async function saveSync(deps: ServiceDeps, environment: EnvironmentRecord, gateways: readonly GatewaySync[]): Promise<EnvironmentSync> {
  const at = deps.clock().toISOString();
  const previous = await deps.db.execute({ sql: 'SELECT gateways FROM environment_sync WHERE environment = ?', args: [environment.name] });
  const state: SyncState = overallSyncState(gateways);
  await deps.db.execute({
    sql: `INSERT INTO environment_sync (environment, state, checked_at, gateways) VALUES (?, ?, ?, ?)
          ON CONFLICT (environment) DO UPDATE SET state = excluded.state, checked_at = excluded.checked_at, gateways = excluded.gateways`,
    args: [environment.name, state, at, JSON.stringify(gateways)],
  });
  const sync = environmentSyncOf(environment, { checkedAt: at, gateways: [...gateways] });
  const stored = previous.rows[0] ? { checkedAt: at, gateways: JSON.parse(String(previous.rows[0].gateways)) as GatewaySync[] } : null;
  const before = environmentSyncOf(environment, stored);
  if (canonicalJson({ ...before, checkedAt: null }) !== canonicalJson({ ...sync, checkedAt: null })) {
    await deps.events.publish({ type: 'environment.sync', data: { name: environment.name, sync } });
  }
  return sync;
}

/** Every configured gateway of every environment with whether its last check found it in sync (for the metrics). */
export async function gatewaysInSync(db: Queryable): Promise<{ environment: string; gateway: string; inSync: boolean }[]> {
  const [environments, stored] = await Promise.all([listEnvironmentRecords(db), storedSyncs(db)]);
  return environments.flatMap((environment) =>
    environmentSyncOf(environment, stored.get(environment.name) ?? null).gateways.map((gateway) => ({
      environment: environment.name,
      gateway: gateway.url,
      inSync: gateway.state === 'in-sync',
    })),
  );
}
