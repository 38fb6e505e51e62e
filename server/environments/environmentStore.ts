import type { Role } from '../../core/access/roles';
import type { Tier } from '../../core/access/roleMatrix';
import type { ReconcileMode } from '../../core/api/gateway';
import type { Queryable, Row, Statement } from '../store/database';
import type { EnvironmentConfig, EnvironmentRecord } from './environmentRecord';

const columnNames = [
  'name',
  'tier',
  'position',
  'purpose',
  'stability',
  'data_class',
  'gateways',
  'gates',
  'approval_policy',
  'freeze_windows',
  'deploy_role',
  'database_url',
  'active_version',
  'active_release_id',
  'updated_at',
  'reconcile',
] as const;
const columns = columnNames.join(', ');

/** The environment columns of table alias `alias` (for joins; read back with environmentFromRow). */
export function environmentColumnsOf(alias: string): string {
  return columnNames.map((c) => `${alias}.${c}`).join(', ');
}

/** Every environment, in chain order. */
export async function listEnvironmentRecords(db: Queryable): Promise<EnvironmentRecord[]> {
  const result = await db.execute(`SELECT ${columns} FROM environments ORDER BY position, name`);
  return result.rows.map(environmentFromRow);
}

/** One environment, or null. */
export async function findEnvironmentRecord(db: Queryable, name: string): Promise<EnvironmentRecord | null> {
  const result = await db.execute({ sql: `SELECT ${columns} FROM environments WHERE name = ?`, args: [name] });
  const row = result.rows[0];
  return row ? environmentFromRow(row) : null;
}

/** The environment before `environment` in the chain (the next lower order), or null for the first. */
export function previousInChain(chain: readonly EnvironmentRecord[], environment: EnvironmentRecord): EnvironmentRecord | null {
  const before = chain.filter((e) => e.order < environment.order);
  return before.reduce<EnvironmentRecord | null>((best, e) => (best === null || e.order > best.order ? e : best), null);
}

/** An insert-or-replace of an environment's configuration (its active version is left untouched). */
export function saveEnvironmentStatement(name: string, config: EnvironmentConfig, at: Date): Statement {
  const now = at.toISOString();
  return {
    sql: `INSERT INTO environments (name, tier, position, purpose, stability, data_class, gateways, gates, approval_policy,
            freeze_windows, deploy_role, database_url, reconcile, created_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (name) DO UPDATE SET tier = excluded.tier, position = excluded.position, purpose = excluded.purpose,
            stability = excluded.stability, data_class = excluded.data_class, gateways = excluded.gateways,
            gates = excluded.gates, approval_policy = excluded.approval_policy, freeze_windows = excluded.freeze_windows,
            deploy_role = excluded.deploy_role, reconcile = excluded.reconcile, updated_at = excluded.updated_at`,
    args: [
      name,
      config.tier,
      config.order,
      config.purpose,
      config.stability,
      config.dataClass,
      JSON.stringify(config.gateways),
      JSON.stringify(config.gates),
      config.approvalPolicy ? JSON.stringify(config.approvalPolicy) : null,
      JSON.stringify(config.freezeWindows),
      config.deployRole,
      config.databaseUrl,
      config.reconcile,
      now,
      now,
    ],
  };
}

/** Records the version a succeeded release made active. */
export function setActiveVersionStatement(environment: string, version: string, releaseId: string): Statement {
  return {
    sql: 'UPDATE environments SET active_version = ?, active_release_id = ? WHERE name = ?',
    args: [version, releaseId, environment],
  };
}

/** The configurable fields of a record. */
export function configOf(record: EnvironmentRecord): EnvironmentConfig {
  const { name: _name, activeVersion: _active, activeReleaseId: _release, updatedAt: _updated, ...config } = record;
  return config;
}

/** An environment record from a row holding its columns. */
export function environmentFromRow(row: Row): EnvironmentRecord {
  return {
    name: String(row.name),
    tier: String(row.tier) as Tier,
    order: Number(row.position),
    purpose: String(row.purpose),
    stability: String(row.stability),
    dataClass: String(row.data_class),
    gateways: JSON.parse(String(row.gateways)) as EnvironmentRecord['gateways'],
    reconcile: String(row.reconcile) as ReconcileMode,
    gates: JSON.parse(String(row.gates)) as EnvironmentRecord['gates'],
    // Policies stored before `onGateChange` existed take its default.
    approvalPolicy:
      row.approval_policy === null ? null : ({ onGateChange: 'reapprove', ...JSON.parse(String(row.approval_policy)) } as EnvironmentRecord['approvalPolicy']),
    freezeWindows: JSON.parse(String(row.freeze_windows)) as EnvironmentRecord['freezeWindows'],
    deployRole: String(row.deploy_role) as Role,
    databaseUrl: String(row.database_url),
    activeVersion: row.active_version === null ? null : String(row.active_version),
    activeReleaseId: row.active_release_id === null ? null : String(row.active_release_id),
    updatedAt: String(row.updated_at),
  };
}
