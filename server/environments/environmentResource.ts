import type { Environment } from '../../core/api/environment';
import { NotFoundError } from '../errors';
import { environmentSyncOf, storedSyncFromRow, syncColumnsOf, type StoredSync } from '../gateways/syncStore';
import type { Queryable } from '../store/database';
import { withoutCredentials } from '../store/databaseUrl';
import { releaseColumnsAs, releasesFromPrefixedRows } from '../releases/releaseStore';
import type { EnvironmentRecord } from './environmentRecord';
import { environmentColumnsOf, environmentFromRow } from './environmentStore';

/** Every environment as the API returns it, in chain order: one query, plus one for approvals if any apply. */
export async function listEnvironments(db: Queryable): Promise<Environment[]> {
  return environmentsWithActivity(db, null);
}

/** One environment as the API returns it; 404 if absent. */
export async function getEnvironment(db: Queryable, name: string): Promise<Environment> {
  const [environment] = await environmentsWithActivity(db, name);
  if (!environment) throw new NotFoundError('environment', name);
  return environment;
}

async function environmentsWithActivity(db: Queryable, name: string | null): Promise<Environment[]> {
  const result = await db.execute({
    sql: `SELECT ${environmentColumnsOf('e')}, ${releaseColumnsAs('r', 'r_')}, ${syncColumnsOf('s')},
            (SELECT COUNT(*) FROM releases p WHERE p.environment = e.name AND p.status = 'pending' AND p.approval = 'waiting') AS pending_approvals,
            ev.config AS verification_config
          FROM environments e
          LEFT JOIN releases r ON r.seq = (SELECT MAX(x.seq) FROM releases x WHERE x.environment = e.name)
          LEFT JOIN environment_sync s ON s.environment = e.name
          LEFT JOIN environment_verifications ev ON ev.environment = e.name
          ${name === null ? '' : 'WHERE e.name = ?'}
          ORDER BY e.position, e.name`,
    args: name === null ? [] : [name],
  });
  const withRelease = result.rows.filter((row) => row.r_id !== null);
  const releases = await releasesFromPrefixedRows(db, withRelease, 'r_');
  const lastRelease = new Map(releases.map((release) => [release.environment, release]));
  return result.rows.map((row) => {
    const verification = row.verification_config === null ? null : JSON.parse(String(row.verification_config));
    return toEnvironment(environmentFromRow(row), lastRelease.get(String(row.name)) ?? null, Number(row.pending_approvals), storedSyncFromRow(row), verification);
  });
}

function toEnvironment(
  record: EnvironmentRecord,
  lastRelease: Environment['lastRelease'],
  pendingApprovals: number,
  sync: StoredSync | null,
  verification: Environment['verification'],
): Environment {
  return {
    name: record.name,
    tier: record.tier,
    order: record.order,
    purpose: record.purpose,
    stability: record.stability,
    dataClass: record.dataClass,
    activeVersion: record.activeVersion,
    lastRelease,
    pendingApprovals,
    gateways: record.gateways,
    reconcile: record.reconcile,
    sync: environmentSyncOf(record, sync),
    gates: record.gates,
    approvalPolicy: record.approvalPolicy,
    freezeWindows: record.freezeWindows,
    deployRole: record.deployRole,
    databaseUrl: withoutCredentials(record.databaseUrl),
    verification,
    updatedAt: record.updatedAt,
  };
}
