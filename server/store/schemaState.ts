import type { Database } from './database';
import { allMigrations } from './migrations/allMigrations';

/**
 * The ids of this version's migrations the database has not applied, or null when it is no Forge Releases
 * database at all (no `schema_migrations` table). Tools that work on a database without starting the service
 * (db copy, admin token) check it first; only the service migrates.
 */
export async function unappliedMigrations(db: Database): Promise<number[] | null> {
  let applied: Set<number>;
  try {
    applied = new Set((await db.execute('SELECT id FROM schema_migrations')).rows.map((row) => Number(row.id)));
  } catch {
    return null;
  }
  return allMigrations.filter((migration) => !applied.has(migration.id)).map((migration) => migration.id);
}
