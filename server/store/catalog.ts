import type { Queryable } from './database';

/*
 * What the store reads from the engines' catalogs, which SQLite and PostgreSQL keep differently: the tables of
 * a database (on PostgreSQL, of the schema the connection uses), their columns and keys. Used to copy a
 * database table by table.
 */

/** The tables, sorted by name. */
export async function tableNames(db: Queryable): Promise<string[]> {
  const result = await db.execute(
    db.engine === 'postgres'
      ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
      : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
  );
  return result.rows.map((row) => String(row.name)).sort();
}

/** A table's columns in their declared order, and the columns of its primary key in key order. */
export interface TableShape {
  columns: string[];
  primaryKey: string[];
}

/** The shape of one table. */
export async function tableShape(db: Queryable, table: string): Promise<TableShape> {
  if (db.engine === 'postgres') {
    const columns = await db.execute({
      sql: 'SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position',
      args: [table],
    });
    const key = await db.execute({
      sql: `SELECT k.column_name AS name FROM information_schema.table_constraints c
            JOIN information_schema.key_column_usage k ON k.constraint_name = c.constraint_name AND k.table_schema = c.table_schema
            WHERE c.table_schema = current_schema() AND c.table_name = ? AND c.constraint_type = 'PRIMARY KEY' ORDER BY k.ordinal_position`,
      args: [table],
    });
    return { columns: columns.rows.map((row) => String(row.name)), primaryKey: key.rows.map((row) => String(row.name)) };
  }
  const info = await db.execute({ sql: 'SELECT name, pk FROM pragma_table_info(?) ORDER BY cid', args: [table] });
  const primaryKey = info.rows.filter((row) => Number(row.pk) > 0).sort((a, b) => Number(a.pk) - Number(b.pk));
  return { columns: info.rows.map((row) => String(row.name)), primaryKey: primaryKey.map((row) => String(row.name)) };
}

/** The tables a table's foreign keys point at (itself excluded). */
export async function referencedTables(db: Queryable, table: string): Promise<string[]> {
  const result = await db.execute(
    db.engine === 'postgres'
      ? {
          sql: `SELECT DISTINCT p.relname AS name FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class p ON p.oid = c.confrelid
                WHERE c.contype = 'f' AND t.relname = ? AND t.relnamespace = current_schema()::regnamespace`,
          args: [table],
        }
      : { sql: 'SELECT DISTINCT "table" AS name FROM pragma_foreign_key_list(?)', args: [table] },
  );
  return result.rows.map((row) => String(row.name)).filter((name) => name !== table);
}

/**
 * Moves every identity column's next value past the rows it holds, after rows were written with explicit ids
 * (a copy). SQLite's AUTOINCREMENT already follows explicit ids; PostgreSQL's identities do not.
 */
export async function restartIdentities(db: Queryable): Promise<void> {
  if (db.engine !== 'postgres') return;
  const identities = await db.execute("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'");
  for (const row of identities.rows) {
    const table = quoteIdentifier(String(row.table_name));
    const column = quoteIdentifier(String(row.column_name));
    await db.execute({
      sql: `SELECT setval(pg_get_serial_sequence(?, ?), COALESCE(MAX(${column}), 0) + 1, false) FROM ${table}`,
      args: [String(row.table_name), String(row.column_name)],
    });
  }
}

/** A table or column name quoted for SQL (both engines use double quotes). */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
