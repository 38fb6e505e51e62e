import type { PageQuery } from '../../core/api/page';
import type { Queryable, Row, SqlValue } from './database';

/** A page of rows and the cursor of the next one (null on the last page). */
export interface RowPage {
  rows: Row[];
  nextCursor: string | null;
}

/**
 * One page of `SELECT <columns> FROM <table>`, newest first by its `seq` column, after the optional filters.
 * Reads one row more than the limit to know whether another page follows; the cursor is the last `seq` shown.
 */
export async function pageBySeq(db: Queryable, select: string, filters: readonly [condition: string, value: SqlValue][], query: PageQuery): Promise<RowPage> {
  const conditions = [...filters, ...(query.cursor ? ([['seq < ?', Number(query.cursor)]] as const) : [])];
  const where = conditions.length > 0 ? `WHERE ${conditions.map(([condition]) => condition).join(' AND ')}` : '';
  const result = await db.execute({
    sql: `${select} ${where} ORDER BY seq DESC LIMIT ?`,
    args: [...conditions.map(([, value]) => value), query.limit + 1],
  });
  const rows = result.rows.slice(0, query.limit);
  return { rows, nextCursor: result.rows.length > query.limit ? String(rows.at(-1)?.seq) : null };
}
