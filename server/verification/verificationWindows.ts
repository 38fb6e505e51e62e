import type { ReleaseKind } from '../../core/api/release';
import type { VerificationState } from '../../core/api/verification';
import { firstCheckAt, windowEnd } from '../../core/verification/windowSchedule';
import { appendAuditEvents } from '../audit/appendAuditEvent';
import { findRelease } from '../releases/releaseStore';
import type { ServiceDeps } from '../serviceDeps';
import type { Transaction } from '../store/database';
import { verificationCompletedEvent } from './verificationAudit';
import { verificationConfigOf } from './verificationStore';

/** A window that ended, to announce once its transaction committed. */
export interface EndedWindow {
  releaseId: string;
  environment: string;
  state: Exclude<VerificationState, 'running'>;
}

/**
 * Opens the verification window of a release that just succeeded, in the transaction that records its success,
 * when its environment watches metrics. Rollbacks open none: they restore a version that already ran there, and
 * a rollback whose own window failed would roll back once more. Returns whether a window opened.
 */
export async function openVerificationWindow(
  tx: Transaction,
  release: { id: string; environment: string; version: string; kind: ReleaseKind; previousVersion: string | null },
  at: Date,
): Promise<boolean> {
  if (release.kind === 'rollback') return false;
  const config = await verificationConfigOf(tx, release.environment);
  if (!config) return false;
  const workflows = await tx.execute({
    sql: `SELECT name FROM version_artifacts WHERE tag = ? AND kind = 'workflow' ORDER BY name`,
    args: [release.version],
  });
  const until = windowEnd(at, config.windowSeconds);
  const nextCheckAt = firstCheckAt({ startedAt: at, until, intervalSeconds: config.intervalSeconds });
  await tx.execute({
    sql: `INSERT INTO release_verifications (release_id, environment, version, previous_version, config, workflows, state, started_at,
            until_at, next_round, next_check_at, claimed_round)
          VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?, 1, ?, 0)`,
    args: [
      release.id,
      release.environment,
      release.version,
      release.previousVersion,
      JSON.stringify(config),
      JSON.stringify(workflows.rows.map((row) => String(row.name))),
      at.toISOString(),
      until.toISOString(),
      nextCheckAt.toISOString(),
    ],
  });
  return true;
}

/**
 * Ends the environment's running window when another release takes its lock (in that transaction): what the
 * metrics show from then on is no longer the verified version alone. The window ends `inconclusive`: it was
 * cut short, so it never counts as passed.
 */
export async function endRunningWindows(
  tx: Transaction,
  environment: string,
  by: { id: string; kind: ReleaseKind; version: string; requestedBy: { name: string } },
  at: Date,
): Promise<EndedWindow[]> {
  const running = await tx.execute({
    sql: `SELECT v.release_id, v.version, v.config, (SELECT COUNT(*) FROM verification_checks c WHERE c.release_id = v.release_id) AS checks
          FROM release_verifications v WHERE v.environment = ? AND v.state = 'running'`,
    args: [environment],
  });
  const ended: EndedWindow[] = [];
  for (const row of running.rows) {
    const releaseId = String(row.release_id);
    const reason = `ended early: ${by.requestedBy.name} started a ${by.kind} of ${by.version} (release ${by.id}) before the window was over`;
    const updated = await tx.execute({
      sql: `UPDATE release_verifications SET state = 'inconclusive', reason = ?, finished_at = ? WHERE release_id = ? AND state = 'running'`,
      args: [reason, at.toISOString(), releaseId],
    });
    if (updated.rowsAffected === 0) continue;
    const { onFailure } = JSON.parse(String(row.config)) as { onFailure: 'rollback' | 'alert' };
    await appendAuditEvents(
      tx,
      [
        verificationCompletedEvent({ releaseId, environment, version: String(row.version) }, 'inconclusive', {
          onFailure,
          checks: Number(row.checks),
          breach: null,
          reason,
          rollbackReleaseId: null,
        }),
      ],
      at,
    );
    ended.push({ releaseId, environment, state: 'inconclusive' });
  }
  return ended;
}

/** Counts the windows that ended and streams their releases' new state (after the ending transaction committed). */
export async function announceEndedWindows(deps: ServiceDeps, ended: readonly EndedWindow[]): Promise<void> {
  for (const window of ended) {
    deps.metrics.verifications.inc({ environment: window.environment, outcome: window.state });
    await announceWindow(deps, window.releaseId);
  }
}

/** Streams a release whose window changed (a round recorded, the window ended). */
export async function announceWindow(deps: ServiceDeps, releaseId: string): Promise<void> {
  const record = await findRelease(deps.db, releaseId);
  if (record) await deps.events.publish({ type: 'release.updated', data: record.release });
}
