import { randomUUID } from 'node:crypto';
import type { Evaluation, EvaluationListQuery, EvaluationReport } from '../../core/api/evaluation';
import type { Page } from '../../core/api/page';
import type { EvaluationResultInput } from '../../core/gates/evaluationGate';
import type { AuthUser } from '../appEnv';
import { appendAuditEvent } from '../audit/appendAuditEvent';
import { auditEventInput } from '../audit/auditActions';
import { NotFoundError } from '../errors';
import type { ServiceDeps } from '../serviceDeps';
import type { Queryable, Row, SqlValue } from '../store/database';
import { pageBySeq } from '../store/pageBySeq';

const columns = 'seq, id, tag, suite, environment, metrics, dataset, summary, url, content_hash, reported_by, reported_at';

/**
 * Stores an evaluation result for a version with the version's content hash, and audits `evaluation.reported`
 * in the same transaction. 404 for an unknown version or environment. The newest result of a suite (and
 * environment) is the one that counts.
 */
export async function reportEvaluation(deps: ServiceDeps, user: AuthUser, tag: string, report: EvaluationReport): Promise<Evaluation> {
  const at = deps.clock();
  const id = randomUUID();
  const contentHash = await deps.db.transaction(async (tx) => {
    const version = await tx.execute({ sql: 'SELECT content_hash FROM versions WHERE tag = ?', args: [tag] });
    const row = version.rows[0];
    if (!row) throw new NotFoundError('version', tag);
    if (report.environment !== undefined) {
      const environment = await tx.execute({ sql: 'SELECT 1 FROM environments WHERE name = ?', args: [report.environment] });
      if (environment.rows.length === 0) throw new NotFoundError('environment', report.environment);
    }
    const hash = String(row.content_hash);
    await tx.execute({
      sql: `INSERT INTO evaluation_results (id, tag, suite, environment, metrics, dataset, summary, url, content_hash, reported_by, reported_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      args: [
        id,
        tag,
        report.suite,
        report.environment ?? null,
        JSON.stringify(report.metrics),
        report.dataset ?? null,
        report.summary ?? null,
        report.url ?? null,
        hash,
        user.name,
        at.toISOString(),
      ],
    });
    await appendAuditEvent(
      tx,
      auditEventInput({
        actor: user.name,
        action: 'evaluation.reported',
        environment: report.environment ?? null,
        version: tag,
        outcome: 'reported',
        details: {
          suite: report.suite,
          metrics: report.metrics,
          dataset: report.dataset ?? null,
          summary: report.summary ?? null,
          url: report.url ?? null,
          contentHash: hash,
        },
      }),
      at,
    );
    return hash;
  });
  await deps.events.publish({ type: 'version.evaluated', data: { tag, suite: report.suite } });
  return {
    id,
    version: tag,
    suite: report.suite,
    metrics: report.metrics,
    dataset: report.dataset ?? null,
    environment: report.environment ?? null,
    summary: report.summary ?? null,
    url: report.url ?? null,
    contentHash,
    reportedBy: user.name,
    reportedAt: at.toISOString(),
    latest: true,
  };
}

/** `GET /api/versions/:tag/evaluations`: a version's results newest first, each marked whether it is the one that counts. */
export async function listEvaluations(db: Queryable, tag: string, query: EvaluationListQuery): Promise<Page<Evaluation>> {
  const filters: [string, string][] = [['tag = ?', tag]];
  if (query.suite) filters.push(['suite = ?', query.suite]);
  const { rows, nextCursor } = await pageBySeq(db, `SELECT ${columns} FROM evaluation_results`, filters, query);
  const latest = await latestSeqs(db, tag);
  return { items: rows.map((row) => toEvaluation(row, latest.has(Number(row.seq)))), nextCursor };
}

/** Every result of some versions in the order they were reported, as the `evaluation` gate reads them. */
export async function evaluationResultsOf(db: Queryable, tag: string): Promise<EvaluationResultInput[]> {
  const result = await db.execute({ sql: 'SELECT suite, environment, metrics FROM evaluation_results WHERE tag = ? ORDER BY seq', args: [tag] });
  return result.rows.map((row) => ({
    suite: String(row.suite),
    environment: row.environment === null ? null : String(row.environment),
    metrics: JSON.parse(String(row.metrics)) as Record<string, number>,
  }));
}

/** The `seq` of the newest result of each suite and environment of a version. */
async function latestSeqs(db: Queryable, tag: string): Promise<Set<number>> {
  const result = await db.execute({
    sql: `SELECT MAX(seq) AS seq FROM evaluation_results WHERE tag = ? GROUP BY suite, COALESCE(environment, '')`,
    args: [tag],
  });
  return new Set(result.rows.map((row) => Number(row.seq)));
}

function toEvaluation(row: Row, latest: boolean): Evaluation {
  const text = (value: SqlValue | undefined) => (value === null || value === undefined ? null : String(value));
  return {
    id: String(row.id),
    version: String(row.tag),
    suite: String(row.suite),
    metrics: JSON.parse(String(row.metrics)) as Evaluation['metrics'],
    dataset: text(row.dataset),
    environment: text(row.environment),
    summary: text(row.summary),
    url: text(row.url),
    contentHash: String(row.content_hash),
    reportedBy: String(row.reported_by),
    reportedAt: String(row.reported_at),
    latest,
  };
}
