import type { ReleaseVerification, VerificationCheck, VerificationConfig, VerificationState } from '../../core/api/verification';
import type { Queryable, Row, SqlValue, Statement } from '../store/database';
import { placeholderList } from '../store/placeholders';

/** What an environment watches after each release, or null. */
export async function verificationConfigOf(db: Queryable, environment: string): Promise<VerificationConfig | null> {
  const result = await db.execute({ sql: 'SELECT config FROM environment_verifications WHERE environment = ?', args: [environment] });
  const row = result.rows[0];
  return row ? (JSON.parse(String(row.config)) as VerificationConfig) : null;
}

/** Sets (or, with null, removes) what an environment watches after a release. */
export function saveVerificationConfigStatement(environment: string, config: VerificationConfig | null, at: Date): Statement {
  if (config === null) return { sql: 'DELETE FROM environment_verifications WHERE environment = ?', args: [environment] };
  return {
    sql: `INSERT INTO environment_verifications (environment, config, updated_at) VALUES (?, ?, ?)
          ON CONFLICT (environment) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at`,
    args: [environment, JSON.stringify(config), at.toISOString()],
  };
}

/** A release's verification window as stored, with what the rounds need beside the API shape. */
export interface WindowRecord {
  releaseId: string;
  environment: string;
  version: string;
  /** The version active before the release: what an automatic rollback restores. */
  previousVersion: string | null;
  /** The environment's configuration when the window opened; later changes do not touch a running window. */
  config: VerificationConfig;
  /** The names of the version's workflows, for `{{workflow}}`. */
  workflows: string[];
  state: VerificationState;
  startedAt: Date;
  until: Date;
  /** The round to evaluate next, from 1; `claimedRound` equals it while a replica evaluates it. */
  nextRound: number;
  nextCheckAt: Date;
  claimedRound: number;
  claimedBy: string | null;
}

const windowColumns =
  'release_id, environment, version, previous_version, config, workflows, state, started_at, until_at, next_round, next_check_at, claimed_round, claimed_by';

/** One window, or null. */
export async function findWindow(db: Queryable, releaseId: string): Promise<WindowRecord | null> {
  const result = await db.execute({ sql: `SELECT ${windowColumns} FROM release_verifications WHERE release_id = ?`, args: [releaseId] });
  const row = result.rows[0];
  return row ? windowFromRow(row) : null;
}

/** Running windows whose next check is due at `now`, earliest first, with the liveness of whoever claimed their round. */
export async function dueWindows(
  db: Queryable,
  now: Date,
): Promise<{ window: WindowRecord; claimer: { id: string; pid: number; host: string; heartbeatAt: string } | null }[]> {
  const result = await db.execute({
    sql: `SELECT ${windowColumns
      .split(', ')
      .map((column) => `v.${column}`)
      .join(', ')}, i.pid, i.host, i.heartbeat_at
          FROM release_verifications v LEFT JOIN service_instances i ON i.id = v.claimed_by
          WHERE v.state = 'running' AND v.next_check_at <= ? ORDER BY v.next_check_at`,
    args: [now.toISOString()],
  });
  return result.rows.map((row) => ({
    window: windowFromRow(row),
    claimer: row.pid === null ? null : { id: String(row.claimed_by), pid: Number(row.pid), host: String(row.host), heartbeatAt: String(row.heartbeat_at) },
  }));
}

/** The verification of each of `releaseIds` that has one, as the API shows it, with its checks in order. */
export async function verificationsOf(db: Queryable, releaseIds: readonly string[]): Promise<Map<string, ReleaseVerification>> {
  const byRelease = new Map<string, ReleaseVerification>();
  if (releaseIds.length === 0) return byRelease;
  const ids = placeholderList(releaseIds.length);
  const windows = await db.execute({
    sql: `SELECT release_id, config, state, started_at, until_at, finished_at, reason, rollback_release_id
          FROM release_verifications WHERE release_id IN (${ids})`,
    args: [...releaseIds],
  });
  if (windows.rows.length === 0) return byRelease;
  const checks = await db.execute({
    sql: `SELECT release_id, metric, value, bound, verdict, series, detail, at FROM verification_checks
          WHERE release_id IN (${placeholderList(windows.rows.length)}) ORDER BY seq`,
    args: windows.rows.map((row) => String(row.release_id)),
  });
  const checksOf = new Map<string, VerificationCheck[]>();
  for (const row of checks.rows) {
    const list = checksOf.get(String(row.release_id)) ?? [];
    list.push({
      metric: String(row.metric),
      value: row.value === null ? null : Number(row.value),
      bound: String(row.bound),
      verdict: String(row.verdict) as VerificationCheck['verdict'],
      at: String(row.at),
      series: text(row.series),
      detail: text(row.detail),
    });
    checksOf.set(String(row.release_id), list);
  }
  for (const row of windows.rows) {
    const config = JSON.parse(String(row.config)) as VerificationConfig;
    byRelease.set(String(row.release_id), {
      state: String(row.state) as VerificationState,
      startedAt: String(row.started_at),
      until: String(row.until_at),
      intervalSeconds: config.intervalSeconds,
      onFailure: config.onFailure,
      finishedAt: text(row.finished_at),
      reason: text(row.reason),
      rollbackReleaseId: text(row.rollback_release_id),
      checks: checksOf.get(String(row.release_id)) ?? [],
    });
  }
  return byRelease;
}

function windowFromRow(row: Row): WindowRecord {
  return {
    releaseId: String(row.release_id),
    environment: String(row.environment),
    version: String(row.version),
    previousVersion: text(row.previous_version),
    config: JSON.parse(String(row.config)) as VerificationConfig,
    workflows: JSON.parse(String(row.workflows)) as string[],
    state: String(row.state) as VerificationState,
    startedAt: new Date(String(row.started_at)),
    until: new Date(String(row.until_at)),
    nextRound: Number(row.next_round),
    nextCheckAt: new Date(String(row.next_check_at)),
    claimedRound: Number(row.claimed_round),
    claimedBy: text(row.claimed_by),
  };
}

function text(value: SqlValue | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}
