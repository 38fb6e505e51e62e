import { randomUUID } from 'node:crypto';
import type { VerificationMetric } from '../../core/api/verification';
import { describeBreach, judgeCheck, type JudgedCheck } from '../../core/verification/judgeCheck';
import { renderQuery, UnrenderableQueryError } from '../../core/verification/queryPlaceholders';
import { completedState, nextCheckAfter } from '../../core/verification/windowSchedule';
import { appendAuditEvents } from '../audit/appendAuditEvent';
import { releaseRequestedEvent } from '../releases/releaseAudit';
import type { NewRelease } from '../releases/releaseStore';
import { ownerIsGone, heartbeatStatement } from '../releases/serviceInstances';
import { lockAndRun } from '../releases/startRelease';
import { environmentLock, writeStartedRelease } from '../releases/takeLock';
import type { ServiceDeps } from '../serviceDeps';
import type { Transaction } from '../store/database';
import { rowPlaceholders } from '../store/placeholders';
import { queryPrometheus } from './prometheusQuery';
import { verificationCompletedEvent } from './verificationAudit';
import { dueWindows, type WindowRecord } from './verificationStore';
import { announceEndedWindows, announceWindow } from './verificationWindows';

/** The service's own name as the requester of what it starts by itself. */
const systemActor = { id: 'system', name: 'system' } as const;

/** The longest a query may take: a slow Prometheus delays a round, it never blocks the window. */
const maxQueryMs = 10_000;

// Per service: the rounds this process is evaluating now. A round it claimed but no longer evaluates (its
// recording failed) is claimed again on the next pass.
const evaluating = new WeakMap<ServiceDeps, Set<string>>();

function evaluatingIn(deps: ServiceDeps): Set<string> {
  let set = evaluating.get(deps);
  if (!set) evaluating.set(deps, (set = new Set()));
  return set;
}

/**
 * Evaluates every verification round that is due, once across every replica on the database: a replica claims
 * a round with a conditional update before it queries Prometheus, and records it only while it still holds
 * that claim. A round claimed by a replica that is gone (same host and pid gone, or another host silent for
 * the lease) is claimed again by the next replica that looks. Resolves once the rounds it took are recorded.
 */
export async function runDueVerifications(deps: ServiceDeps): Promise<void> {
  const now = deps.clock();
  const mine = evaluatingIn(deps);
  const rounds: Promise<void>[] = [];
  for (const { window, claimer } of await dueWindows(deps.db, now)) {
    const claimed = window.claimedRound === window.nextRound;
    if (claimed && window.claimedBy === deps.instance.id && mine.has(roundKey(window))) continue;
    if (claimed && window.claimedBy !== deps.instance.id && !ownerIsGone(claimer, deps.instance, now)) continue;
    if (!(await claimRound(deps, window))) continue;
    rounds.push(evaluateRound(deps, window));
  }
  for (const result of await Promise.allSettled(rounds)) {
    if (result.status === 'rejected') deps.logger.error({ err: result.reason }, 'a verification round failed; it is tried again on the next pass');
  }
}

function roundKey(window: Pick<WindowRecord, 'releaseId' | 'nextRound'>): string {
  return `${window.releaseId}#${window.nextRound}`;
}

/** Takes the window's next round for this process, only if nobody changed the window since it was read. */
async function claimRound(deps: ServiceDeps, window: WindowRecord): Promise<boolean> {
  const claimed = await deps.db.execute({
    sql: `UPDATE release_verifications SET claimed_round = ?, claimed_by = ?
          WHERE release_id = ? AND state = 'running' AND next_round = ? AND claimed_round = ? AND COALESCE(claimed_by, '') = ?`,
    args: [window.nextRound, deps.instance.id, window.releaseId, window.nextRound, window.claimedRound, window.claimedBy ?? ''],
  });
  return claimed.rowsAffected === 1;
}

async function evaluateRound(deps: ServiceDeps, window: WindowRecord): Promise<void> {
  const key = roundKey(window);
  evaluatingIn(deps).add(key);
  try {
    // No transaction is open while Prometheus answers.
    const judged = await Promise.all(window.config.metrics.map((metric) => checkMetric(window, metric)));
    await recordRound(deps, window, judged, deps.clock());
  } finally {
    evaluatingIn(deps).delete(key);
  }
}

async function checkMetric(window: WindowRecord, metric: VerificationMetric): Promise<JudgedCheck> {
  let query: string;
  try {
    query = renderQuery(metric.query, { environment: window.environment, version: window.version, workflows: window.workflows });
  } catch (error) {
    if (!(error instanceof UnrenderableQueryError)) throw error;
    return judgeCheck(metric, { kind: 'unavailable', detail: error.message });
  }
  const timeoutMs = Math.min(maxQueryMs, Math.max(1_000, window.config.intervalSeconds * 1000));
  return judgeCheck(metric, await queryPrometheus(window.config.prometheusUrl, query, timeoutMs));
}

/** How a round leaves its window. */
interface RoundDecision {
  state: WindowRecord['state'];
  nextCheckAt: Date | null;
  reason: string | null;
  breach: { metric: VerificationMetric; check: JudgedCheck } | null;
}

/**
 * Records a round's checks and what they decide, then streams the window. A breach fails the window at once; with
 * `onFailure: "rollback"` the same transaction starts the rollback to the previous version, so a failed window
 * and its rollback are recorded together or not at all.
 */
async function recordRound(deps: ServiceDeps, window: WindowRecord, judged: readonly JudgedCheck[], at: Date): Promise<void> {
  const rollbackId = randomUUID();
  let written: WrittenRound | null = null;
  // The rollback is claimed for this process before its row commits, as every release start is.
  await lockAndRun(deps, rollbackId, async () => {
    written = await deps.db.transaction((tx) => writeRound(tx, deps, window, judged, at, rollbackId));
    return written?.rollbackStarted ?? false;
  });
  const round = written as WrittenRound | null;
  if (!round) return;
  const { state, reason, breach } = round.decision;
  if (breach)
    deps.logger.warn(
      { releaseId: window.releaseId, environment: window.environment, reason, rollbackReleaseId: round.rollbackStarted ? rollbackId : null },
      'verification failed',
    );
  else if (state !== 'running') deps.logger.info({ releaseId: window.releaseId, environment: window.environment, state }, 'verification window ended');
  if (state === 'running') await announceWindow(deps, window.releaseId);
  else await announceEndedWindows(deps, [{ releaseId: window.releaseId, environment: window.environment, state }]);
}

/** What a recorded round decided, and whether it started the rollback. */
interface WrittenRound {
  decision: RoundDecision;
  rollbackStarted: boolean;
}

/**
 * The round's transaction: under the environment's lock (so it is ordered with any release taking that lock,
 * which ends the window), and only while this process still holds the round's claim (null otherwise: nothing
 * is written). The window's state, the checks, the audit of its end and the rollback it starts.
 */
async function writeRound(
  tx: Transaction,
  deps: ServiceDeps,
  window: WindowRecord,
  judged: readonly JudgedCheck[],
  at: Date,
  rollbackId: string,
): Promise<WrittenRound | null> {
  await tx.lock(environmentLock(window.environment));
  const previous = await tx.execute({ sql: 'SELECT verdict FROM verification_checks WHERE release_id = ?', args: [window.releaseId] });
  const decided = decideRound(
    window,
    judged,
    previous.rows.map((row) => String(row.verdict) as JudgedCheck['verdict']),
    at,
  );
  const rollback = decided.state === 'failed' && window.config.onFailure === 'rollback' ? await rollbackPlan(tx, window, decided, rollbackId, at) : null;
  const decision = rollback?.refusal ? { ...decided, reason: `${decided.reason}; not rolled back: ${rollback.refusal}` } : decided;
  const rollbackReleaseId = rollback?.release ? rollbackId : null;
  const updated = await tx.execute({
    sql: `UPDATE release_verifications SET next_round = next_round + 1, next_check_at = ?, state = ?, reason = ?, finished_at = ?, rollback_release_id = ?
          WHERE release_id = ? AND state = 'running' AND next_round = ? AND claimed_round = ? AND claimed_by = ?`,
    args: [
      (decision.nextCheckAt ?? at).toISOString(),
      decision.state,
      decision.reason,
      decision.state === 'running' ? null : at.toISOString(),
      rollbackReleaseId,
      window.releaseId,
      window.nextRound,
      window.nextRound,
      deps.instance.id,
    ],
  });
  if (updated.rowsAffected === 0) return null;
  await insertChecks(tx, window, judged, at);
  if (decision.state !== 'running') {
    const { breach } = decision;
    await appendAuditEvents(
      tx,
      [
        verificationCompletedEvent(window, decision.state, {
          onFailure: window.config.onFailure,
          checks: previous.rows.length + judged.length,
          breach: breach ? { metric: breach.metric.name, value: breach.check.value, bound: breach.check.bound, series: breach.check.series } : null,
          reason: decision.reason ?? '',
          rollbackReleaseId,
        }),
      ],
      at,
    );
  }
  if (rollback?.release) {
    await tx.execute(heartbeatStatement(deps.instance, at));
    const requested = releaseRequestedEvent(rollback.release, [], { outcome: 'accepted', approval: 'not-required' }, null);
    await writeStartedRelease(tx, deps, rollback.release, [requested], at, window.version);
  }
  return { decision, rollbackStarted: rollbackReleaseId !== null };
}

/** The window's state after this round's checks, given the verdicts of the rounds before. */
function decideRound(window: WindowRecord, judged: readonly JudgedCheck[], before: readonly JudgedCheck['verdict'][], at: Date): RoundDecision {
  const breached = judged.find((check) => check.verdict === 'breach');
  if (breached) {
    const metric = window.config.metrics.find((candidate) => candidate.name === breached.metric)!;
    return { state: 'failed', nextCheckAt: null, reason: describeBreach(metric, breached), breach: { metric, check: breached } };
  }
  const nextCheckAt = nextCheckAfter({ startedAt: window.startedAt, until: window.until, intervalSeconds: window.config.intervalSeconds }, at);
  if (nextCheckAt) return { state: 'running', nextCheckAt, reason: null, breach: null };
  const verdicts = [...before, ...judged.map((check) => check.verdict)];
  const state = completedState(verdicts);
  if (state === 'passed') return { state, nextCheckAt: null, reason: `every check (${verdicts.length}) was within its bounds`, breach: null };
  const missing = verdicts.filter((verdict) => verdict === 'inconclusive').length;
  const lastDetail = judged.find((check) => check.verdict === 'inconclusive')?.detail;
  return {
    state: 'inconclusive',
    nextCheckAt: null,
    reason: `${missing} of ${verdicts.length} checks had no value to judge${lastDetail ? ` (last: ${lastDetail})` : ''}: never counted as passed`,
    breach: null,
  };
}

/**
 * The rollback a failed window starts, or why it cannot: nothing was active before the release, or the
 * environment no longer runs it (the lock is held here, so what is read cannot change before the commit).
 */
async function rollbackPlan(tx: Transaction, window: WindowRecord, decision: RoundDecision, id: string, at: Date): Promise<{ release?: NewRelease; refusal?: string }> {
  if (!window.previousVersion) return { refusal: `${window.environment} ran no version before ${window.version}` };
  const environment = await tx.execute({ sql: 'SELECT active_release_id FROM environments WHERE name = ?', args: [window.environment] });
  const running = await tx.execute({ sql: `SELECT id FROM releases WHERE environment = ? AND status = 'in-progress'`, args: [window.environment] });
  if (environment.rows[0]?.active_release_id !== window.releaseId || running.rows.length > 0) {
    return { refusal: `${window.environment} no longer runs this release` };
  }
  return {
    release: {
      id,
      version: window.previousVersion,
      environment: window.environment,
      kind: 'rollback',
      requestedBy: systemActor,
      requestedAt: at,
      gates: [],
      note: `automatic rollback: verification of ${window.version} failed: ${decision.reason}`,
    },
  };
}

async function insertChecks(tx: Transaction, window: WindowRecord, judged: readonly JudgedCheck[], at: Date): Promise<void> {
  if (judged.length === 0) return;
  await tx.execute({
    sql: `INSERT INTO verification_checks (release_id, round, metric, value, bound, verdict, series, detail, at) VALUES ${rowPlaceholders(judged.length, 9)}`,
    args: judged.flatMap((check) => [
      window.releaseId,
      window.nextRound,
      check.metric,
      check.value,
      check.bound,
      check.verdict,
      check.series,
      check.detail,
      at.toISOString(),
    ]),
  });
}
