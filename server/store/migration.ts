import type { Client } from '@libsql/client';

/** One numbered schema change. Applied once, in order, inside one write transaction. */
export interface Migration {
  id: number;
  name: string;
  statements: readonly string[];
}

/** Applies every migration the database has not seen yet. Safe to run from several processes at once. */
export async function migrate(db: Client, migrations: readonly Migration[]): Promise<number[]> {
  await db.execute(
    'CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.id - b.id)) {
    const tx = await db.transaction('write');
    try {
      // Re-checked inside the write lock: another process may have applied it since we started.
      const seen = await tx.execute({ sql: 'SELECT 1 FROM schema_migrations WHERE id = ?', args: [migration.id] });
      if (seen.rows.length > 0) {
        await tx.rollback();
        continue;
      }
      for (const sql of migration.statements) await tx.execute(sql);
      await tx.execute({
        sql: 'INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)',
        args: [migration.id, migration.name, new Date().toISOString()],
      });
      await tx.commit();
      applied.push(migration.id);
    } finally {
      tx.close();
    }
  }
  return applied;
}
