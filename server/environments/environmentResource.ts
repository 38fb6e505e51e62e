import type { Client } from '@libsql/client';
import type { Environment } from '../../core/api/environment';
import { NotFoundError } from '../errors';
import { latestReleaseByEnvironment, pendingApprovalsByEnvironment } from '../releases/releaseStore';
import type { EnvironmentRecord } from './environmentRecord';
import { findEnvironmentRecord, listEnvironmentRecords } from './environmentStore';

/** Every environment as the API returns it, in chain order (three queries whatever the count). */
export async function listEnvironments(db: Client): Promise<Environment[]> {
  const [records, latest, pending] = await Promise.all([
    listEnvironmentRecords(db),
    latestReleaseByEnvironment(db),
    pendingApprovalsByEnvironment(db),
  ]);
  return records.map((record) => toEnvironment(record, latest, pending));
}

/** One environment as the API returns it; 404 if absent. */
export async function getEnvironment(db: Client, name: string): Promise<Environment> {
  const record = await findEnvironmentRecord(db, name);
  if (!record) throw new NotFoundError('environment', name);
  const [latest, pending] = await Promise.all([latestReleaseByEnvironment(db), pendingApprovalsByEnvironment(db)]);
  return toEnvironment(record, latest, pending);
}

function toEnvironment(
  record: EnvironmentRecord,
  latest: Map<string, Environment['lastRelease']>,
  pending: Map<string, number>,
): Environment {
  return {
    name: record.name,
    tier: record.tier,
    order: record.order,
    purpose: record.purpose,
    stability: record.stability,
    dataClass: record.dataClass,
    activeVersion: record.activeVersion,
    lastRelease: latest.get(record.name) ?? null,
    pendingApprovals: pending.get(record.name) ?? 0,
    gateways: record.gateways,
    gates: record.gates,
    approvalPolicy: record.approvalPolicy,
    freezeWindows: record.freezeWindows,
    deployRole: record.deployRole,
    databaseUrl: withoutCredentials(record.databaseUrl),
    updatedAt: record.updatedAt,
  };
}

/** A remote database URL may carry credentials (user info, `?authToken=`); they never leave the service. */
function withoutCredentials(url: string): string {
  if (!/^[a-z]+:\/\//.test(url)) return url;
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '[unparseable url]';
  }
}
