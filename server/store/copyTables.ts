import { quoteIdentifier, referencedTables, restartIdentities, tableNames, tableShape } from './catalog';
import type { Queryable, SqlValue } from './database';
import { placeholderList, rowPlaceholders } from './placeholders';

/** Rows read from the source per query. */
const pageSize = 1_000;
// Bound parameters per INSERT, under SQLite's 32,766 (PostgreSQL allows 65,535).
const maxParameters = 30_000;

/** A copy that cannot be made; the message says why, in terms of the databases. */
export class CopyError extends Error {}

/**
 * Copies the rows of every table of `source` (except `skip`) into the same tables of `target`, inside the
 * caller's target transaction: parents before the tables whose foreign keys point at them, each table in
 * primary-key order, a page at a time so a large audit log needs little memory. Returns the rows per table.
 */
export async function copyTables(source: Queryable, target: Queryable, skip: readonly string[] = []): Promise<Map<string, number>> {
  const tables = (await tableNames(source)).filter((table) => !skip.includes(table));
  const copied = new Map<string, number>();
  for (const table of await parentsFirst(target, tables)) copied.set(table, await copyTable(source, target, table));
  await restartIdentities(target);
  return copied;
}

/** The tables of `target` that hold rows, with their counts (the tables in `skip` aside). */
export async function nonEmptyTables(db: Queryable, skip: readonly string[] = []): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const table of await tableNames(db)) {
    if (skip.includes(table)) continue;
    const count = await rowCount(db, table);
    if (count > 0) counts.set(table, count);
  }
  return counts;
}

/** How many rows a table holds. */
export async function rowCount(db: Queryable, table: string): Promise<number> {
  const result = await db.execute(`SELECT COUNT(*) AS n FROM ${quoteIdentifier(table)}`);
  return Number(result.rows[0]?.n ?? 0);
}

async function copyTable(source: Queryable, target: Queryable, table: string): Promise<number> {
  const shape = await tableShape(source, table);
  const targetColumns = new Set((await tableShape(target, table)).columns);
  const missing = shape.columns.filter((column) => !targetColumns.has(column));
  if (targetColumns.size === 0) throw new CopyError(`the target has no table ${table}`);
  if (missing.length > 0) throw new CopyError(`the target's table ${table} lacks the columns ${missing.join(', ')}`);
  if (shape.primaryKey.length === 0) throw new CopyError(`table ${table} has no primary key to copy it in order`);
  const columns = shape.columns.map(quoteIdentifier).join(', ');
  const key = shape.primaryKey.map(quoteIdentifier).join(', ');
  const rowsPerInsert = Math.max(1, Math.floor(maxParameters / shape.columns.length));
  let after: SqlValue[] | null = null;
  let count = 0;
  for (;;) {
    const page = await source.execute({
      sql: `SELECT ${columns} FROM ${quoteIdentifier(table)} ${after ? `WHERE (${key}) > (${placeholderList(after.length)})` : ''} ORDER BY ${key} LIMIT ?`,
      args: [...(after ?? []), pageSize],
    });
    for (let start = 0; start < page.rows.length; start += rowsPerInsert) {
      const rows = page.rows.slice(start, start + rowsPerInsert);
      await target.execute({
        sql: `INSERT INTO ${quoteIdentifier(table)} (${columns}) VALUES ${rowPlaceholders(rows.length, shape.columns.length)}`,
        args: rows.flatMap((row) => shape.columns.map((column) => row[column] ?? null)),
      });
    }
    count += page.rows.length;
    const last = page.rows.at(-1);
    if (!last || page.rows.length < pageSize) return count;
    after = shape.primaryKey.map((column) => last[column] ?? null);
  }
}

/** The tables ordered so that every table comes after the tables its foreign keys reference. */
async function parentsFirst(db: Queryable, tables: readonly string[]): Promise<string[]> {
  const parents = new Map<string, string[]>();
  for (const table of tables)
    parents.set(
      table,
      (await referencedTables(db, table)).filter((parent) => tables.includes(parent)),
    );
  const ordered: string[] = [];
  const visit = (table: string, path: readonly string[]) => {
    if (ordered.includes(table)) return;
    if (path.includes(table)) throw new CopyError(`the foreign keys of ${[...path, table].join(' → ')} form a cycle`);
    for (const parent of parents.get(table) ?? []) visit(parent, [...path, table]);
    ordered.push(table);
  };
  for (const table of tables) visit(table, []);
  return ordered;
}
