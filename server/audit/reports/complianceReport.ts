import type { Queryable } from '../../store/database';
import type { Checkpoint } from '../../../core/api/audit';
import type { ChainHead } from '../auditChainHead';
import type { ReportKind } from '../../../core/api/report';

/** What a report covers: the query's period and environment, and the newest event it may read. */
export interface ReportScope {
  start?: string;
  end?: string;
  environment?: string;
  headSeq: number;
}

/** A cell of a report's flat table (CSV and Markdown). */
export type ReportCell = string | number | null;

/** How one kind of report is collected from the audit log and laid out as a table. */
export interface ReportDefinition<Row> {
  title: string;
  collect(tx: Queryable, scope: ReportScope): Promise<Row[]>;
  columns: readonly string[];
  /** The table lines of one row (a change-log version yields one line per artifact change). */
  lines(row: Row): ReportCell[][];
}

/**
 * A compliance report: its rows, the period it covers (start inclusive, end exclusive, as ISO instants), when it
 * was generated and the audit chain head it was read at, with the signed checkpoint of that head, so a reviewer can
 * check it against `verify` and the anchored checkpoints.
 */
export interface ComplianceReport<Row = unknown> {
  kind: ReportKind;
  title: string;
  period: { start: string | null; end: string | null };
  environment: string | null;
  generatedAt: string;
  chainHead: Pick<ChainHead, 'seq' | 'hash'> | null;
  /** The signed checkpoint of `chainHead` (null for a report built without one, or of an empty log). */
  checkpoint: Checkpoint | null;
  rows: Row[];
  /** The rows as a flat table, for CSV and Markdown; not part of the JSON report. */
  table: { columns: readonly string[]; lines: ReportCell[][] };
}
