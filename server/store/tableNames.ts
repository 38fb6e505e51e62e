import type { Queryable } from './database';

/**
 * The tables of the database (on PostgreSQL, of the schema the connection uses), sorted by name. The one
 * catalog query the store needs: SQLite and PostgreSQL keep their catalogs differently.
 */
export async function tableNames(db: Queryable): Promise<string[]> {
  const result = await db.execute(
    db.engine === 'postgres'
      ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
      : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
  );
  return result.rows.map((row) => String(row.name)).sort();
}
