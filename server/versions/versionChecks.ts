import type { Check, CheckReportRequest } from '../../core/api/version';
import type { AuthUser } from '../appEnv';
import { appendAuditEvent } from '../audit/appendAuditEvent';
import { auditEventInput } from '../audit/auditActions';
import { NotFoundError } from '../errors';
import type { ServiceDeps } from '../serviceDeps';
import type { Database } from '../store/database';

/** Stores a check report for a version (the latest report of a name wins) and audits `check.reported`. */
export async function reportCheck(deps: ServiceDeps, user: AuthUser, tag: string, report: CheckReportRequest): Promise<Check> {
  const at = deps.clock();
  await deps.db.transaction(async (tx) => {
    const version = await tx.execute({ sql: 'SELECT 1 FROM versions WHERE tag = ?', args: [tag] });
    if (version.rows.length === 0) throw new NotFoundError('version', tag);
    await tx.execute({
      sql: 'INSERT INTO version_checks (tag, name, status, summary, url, reported_by, reported_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      args: [tag, report.name, report.status, report.summary ?? null, report.url ?? null, user.name, at.toISOString()],
    });
    await appendAuditEvent(
      tx,
      auditEventInput({
        actor: user.name,
        action: 'check.reported',
        version: tag,
        outcome: report.status,
        details: { name: report.name, summary: report.summary ?? null, url: report.url ?? null },
      }),
      at,
    );
  });
  return {
    version: tag,
    name: report.name,
    status: report.status,
    summary: report.summary ?? null,
    url: report.url ?? null,
    reportedBy: user.name,
    reportedAt: at.toISOString(),
  };
}

/** Every check report of a version, oldest first. */
export async function listChecks(db: Database, tag: string): Promise<Check[]> {
  const result = await db.execute({
    sql: 'SELECT name, status, summary, url, reported_by, reported_at FROM version_checks WHERE tag = ? ORDER BY seq',
    args: [tag],
  });
  return result.rows.map((row) => ({
    version: tag,
    name: String(row.name),
    status: String(row.status) as Check['status'],
    summary: row.summary === null ? null : String(row.summary),
    url: row.url === null ? null : String(row.url),
    reportedBy: String(row.reported_by),
    reportedAt: String(row.reported_at),
  }));
}
