import type { Page } from '../../core/api/page';
import type { Release, ReleaseApproval, ReleaseGatewayResult, ReleaseKind, ReleaseListQuery } from '../../core/api/release';
import type { Queryable, Row, SqlValue } from '../store/database';
import { pageBySeq } from '../store/pageBySeq';
import { placeholderList } from '../store/placeholders';
import { verificationsOf } from '../verification/verificationStore';

const columnNames = [
  'seq',
  'id',
  'version',
  'environment',
  'kind',
  'status',
  'approval',
  'reason',
  'previous_version',
  'requested_by',
  'requested_by_id',
  'requested_at',
  'started_at',
  'finished_at',
  'gates',
  'note',
  'owner_instance',
  'gateway_results',
] as const;
const columns = columnNames.join(', ');

/** The release columns of table alias `alias`, each renamed `<prefix><column>` (for joins). */
export function releaseColumnsAs(alias: string, prefix: string): string {
  return columnNames.map((c) => `${alias}.${c} AS ${prefix}${c}`).join(', ');
}

/** Releases from rows selected with `releaseColumnsAs(alias, prefix)`, with their approvals. */
export async function releasesFromPrefixedRows(db: Queryable, rows: readonly Row[], prefix: string): Promise<Release[]> {
  const plain = rows.map((row) => Object.fromEntries(columnNames.map((c) => [c, row[`${prefix}${c}`]])) as unknown as Row);
  const approvals = await approvalsOf(db, plain);
  const verifications = await verificationsOfRows(db, plain);
  return plain.map((row) => toRecord(row, approvals, verifications).release);
}

/** A release row with the fields only the engine needs beside the API shape. */
export interface ReleaseRecord {
  release: Release;
  requestedById: string;
  note: string | null;
  ownerInstance: string | null;
}

/** One release with its approvals, or null. */
export async function findRelease(db: Queryable, id: string): Promise<ReleaseRecord | null> {
  const result = await db.execute({ sql: `SELECT ${columns} FROM releases WHERE id = ?`, args: [id] });
  const row = result.rows[0];
  if (!row) return null;
  const approvals = await approvalsOf(db, [row]);
  return toRecord(row, approvals, await verificationsOfRows(db, [row]));
}

/** Releases newest first, filtered by environment and status. */
export async function listReleases(db: Queryable, query: ReleaseListQuery): Promise<Page<Release>> {
  const filters: [string, string][] = [];
  if (query.environment) filters.push(['environment = ?', query.environment]);
  if (query.status) filters.push(['status = ?', query.status]);
  const { rows, nextCursor } = await pageBySeq(db, `SELECT ${columns} FROM releases`, filters, query);
  const approvals = await approvalsOf(db, rows);
  const verifications = await verificationsOfRows(db, rows);
  return { items: rows.map((row) => toRecord(row, approvals, verifications).release), nextCursor };
}

/** The release of `version` waiting in `environment` (for reviewers or for the lock), if one is. */
export async function findPendingRelease(db: Queryable, environment: string, version: string): Promise<{ id: string; approval: string } | null> {
  const result = await db.execute({
    sql: `SELECT id, approval FROM releases WHERE environment = ? AND version = ? AND status = 'pending' ORDER BY seq LIMIT 1`,
    args: [environment, version],
  });
  const row = result.rows[0];
  return row ? { id: String(row.id), approval: String(row.approval) } : null;
}

/** How many releases wait for approval in all environments. */
export async function countPendingApprovals(db: Queryable): Promise<number> {
  const result = await db.execute(`SELECT COUNT(*) AS n FROM releases WHERE status = 'pending' AND approval = 'waiting'`);
  return Number(result.rows[0]?.n ?? 0);
}

/** Whether `version` was ever released successfully to `environment`. */
export async function hasSucceeded(db: Queryable, environment: string, version: string): Promise<boolean> {
  const result = await db.execute({
    sql: `SELECT 1 FROM releases WHERE environment = ? AND version = ? AND status = 'succeeded' LIMIT 1`,
    args: [environment, version],
  });
  return result.rows.length > 0;
}

/** Releases left in progress, with their owner's liveness data (for recovery). */
export async function inProgressReleases(
  db: Queryable,
): Promise<{ id: string; environment: string; owner: { id: string; pid: number; host: string; heartbeatAt: string } | null }[]> {
  const result = await db.execute(
    `SELECT r.id, r.environment, r.owner_instance, i.pid, i.host, i.heartbeat_at
     FROM releases r LEFT JOIN service_instances i ON i.id = r.owner_instance WHERE r.status = 'in-progress'`,
  );
  return result.rows.map((row) => ({
    id: String(row.id),
    environment: String(row.environment),
    owner: row.pid === null ? null : { id: String(row.owner_instance), pid: Number(row.pid), host: String(row.host), heartbeatAt: String(row.heartbeat_at) },
  }));
}

/** Records what a release did on each gateway (a recovery's re-publication is added after the release finished). */
export async function recordGatewayResults(db: Queryable, releaseId: string, results: readonly ReleaseGatewayResult[]): Promise<void> {
  await db.execute({ sql: 'UPDATE releases SET gateway_results = ? WHERE id = ?', args: [JSON.stringify(results), releaseId] });
}

/** A new release row. */
export interface NewRelease {
  id: string;
  version: string;
  environment: string;
  kind: ReleaseKind;
  requestedBy: { id: string; name: string };
  requestedAt: Date;
  gates: Release['gates'];
  note: string | null;
}

/** The decisions of some releases: those that count and those invalidated, by release id. */
interface ReleaseDecisions {
  approvals: Map<string, Release['approvals']>;
  invalidated: Map<string, Release['invalidatedApprovals']>;
}

/** The reviewer decisions of releases that have an approval process (others cannot have any). */
async function approvalsOf(db: Queryable, rows: readonly Row[]): Promise<ReleaseDecisions> {
  const decisions: ReleaseDecisions = { approvals: new Map(), invalidated: new Map() };
  const releaseIds = rows.filter((row) => row.approval !== 'not-required').map((row) => String(row.id));
  if (releaseIds.length === 0) return decisions;
  const placeholders = placeholderList(releaseIds.length);
  const [counting, invalidated] = await Promise.all([
    db.execute({
      sql: `SELECT release_id, user_name, decision, comment, at, content_hash, gates FROM release_approvals
            WHERE release_id IN (${placeholders}) ORDER BY at, user_name`,
      args: [...releaseIds],
    }),
    db.execute({
      sql: `SELECT release_id, user_name, decision, comment, at, content_hash, gates, invalidated_at, reason FROM invalidated_approvals
            WHERE release_id IN (${placeholders}) ORDER BY seq`,
      args: [...releaseIds],
    }),
  ]);
  for (const row of counting.rows) append(decisions.approvals, String(row.release_id), decisionFromRow(row));
  for (const row of invalidated.rows) {
    append(decisions.invalidated, String(row.release_id), { ...decisionFromRow(row), invalidatedAt: String(row.invalidated_at), reason: String(row.reason) });
  }
  return decisions;
}

/** A decision row of `release_approvals` or `invalidated_approvals` in the API's shape. */
export function decisionFromRow(row: Row): ReleaseApproval {
  return {
    user: String(row.user_name),
    decision: String(row.decision) as ReleaseApproval['decision'],
    comment: row.comment === null ? null : String(row.comment),
    at: String(row.at),
    contentHash: row.content_hash === null ? null : String(row.content_hash),
    gates: row.gates === null ? null : (JSON.parse(String(row.gates)) as ReleaseApproval['gates']),
  };
}

function append<T>(map: Map<string, T[]>, key: string, item: T): void {
  map.set(key, [...(map.get(key) ?? []), item]);
}

/** The verification windows of succeeded releases (no other release has one). */
function verificationsOfRows(db: Queryable, rows: readonly Row[]): Promise<Map<string, NonNullable<Release['verification']>>> {
  return verificationsOf(
    db,
    rows.filter((row) => row.status === 'succeeded').map((row) => String(row.id)),
  );
}

function toRecord(row: Row, decisions: ReleaseDecisions, verifications: Map<string, NonNullable<Release['verification']>>): ReleaseRecord {
  const text = (value: SqlValue | undefined) => (value === null || value === undefined ? null : String(value));
  const id = String(row.id);
  return {
    release: {
      id,
      version: String(row.version),
      environment: String(row.environment),
      kind: String(row.kind) as Release['kind'],
      status: String(row.status) as Release['status'],
      approval: String(row.approval) as Release['approval'],
      reason: text(row.reason),
      previousVersion: text(row.previous_version),
      requestedBy: String(row.requested_by),
      requestedAt: String(row.requested_at),
      startedAt: text(row.started_at),
      finishedAt: text(row.finished_at),
      gates: JSON.parse(String(row.gates)) as Release['gates'],
      approvals: decisions.approvals.get(id) ?? [],
      invalidatedApprovals: decisions.invalidated.get(id) ?? [],
      verification: verifications.get(id) ?? null,
      gateways: row.gateway_results === null || row.gateway_results === undefined ? [] : (JSON.parse(String(row.gateway_results)) as Release['gateways']),
    },
    requestedById: String(row.requested_by_id),
    note: text(row.note),
    ownerInstance: text(row.owner_instance),
  };
}
