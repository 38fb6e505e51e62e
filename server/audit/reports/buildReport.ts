import type { Checkpoint } from '../../../core/api/audit';
import type { Database, Queryable } from '../../store/database';
import { auditChainHead } from '../auditChainHead';
import { timeBounds } from '../../../core/api/audit';
import { reportQuerySchema, type ReportKind } from '../../../core/api/report';
import { parseAuditInput } from '../parseAuditInput';
import { accessReport } from './accessReport';
import { changelogReport } from './changelogReport';
import type { ComplianceReport, ReportDefinition, ReportScope } from './complianceReport';
import { deploymentsReport } from './deploymentsReport';

type Assembled = Pick<ComplianceReport, 'title' | 'rows' | 'table'>;

async function assemble<Row>(definition: ReportDefinition<Row>, tx: Queryable, scope: ReportScope | null): Promise<Assembled> {
  const rows = scope ? await definition.collect(tx, scope) : [];
  return { title: definition.title, rows, table: { columns: definition.columns, lines: rows.flatMap((row) => definition.lines(row)) } };
}

function assembleKind(kind: ReportKind, tx: Queryable, scope: ReportScope | null): Promise<Assembled> {
  switch (kind) {
    case 'changelog':
      return assemble(changelogReport, tx, scope);
    case 'deployments':
      return assemble(deploymentsReport, tx, scope);
    case 'access':
      return assemble(accessReport, tx, scope);
  }
}

/**
 * Builds a compliance report from the audit log alone, inside one read transaction: the chain head is read
 * first (or is the head `covering` signs) and nothing newer is used, so the report covers exactly the events up to
 * that head. `query` holds the raw `start`, `end` and `environment` values (bad ones throw a 400).
 */
export async function buildReport(
  db: Database,
  kind: ReportKind,
  query: Record<string, unknown>,
  now: Date,
  covering: Checkpoint | null = null,
): Promise<ComplianceReport> {
  const { start, end, environment } = parseAuditInput(reportQuerySchema, query);
  return db.transaction(async (tx) => {
    const head = covering ?? (await auditChainHead(tx));
    const assembled = await assembleKind(kind, tx, head ? { start, end, environment, headSeq: head.seq } : null);
    const { from, until } = timeBounds({ start, end });
    return {
      kind,
      title: assembled.title,
      period: { start: from ?? null, end: until ?? null },
      environment: environment ?? null,
      generatedAt: now.toISOString(),
      chainHead: head ? { seq: head.seq, hash: head.hash } : null,
      checkpoint: covering,
      rows: assembled.rows,
      table: assembled.table,
    };
  }, 'read');
}
