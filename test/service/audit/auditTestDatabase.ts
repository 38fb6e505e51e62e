import type { AuditEvent } from '../../../core/api/audit';
import type { AuditEventInput } from '../../../server/audit/auditEvent';
import { appendAuditEvent } from '../../../server/audit/appendAuditEvent';
import type { Database } from '../../../server/store/database';
import { migrate } from '../../../server/store/migration';
import { allMigrations } from '../../../server/store/migrations/allMigrations';
import { openDatabase } from '../../../server/store/openDatabase';
import { libsqlEngine, type TestEngine } from '../../support/engines';

/** A real database (a temp libSQL file, or a new PostgreSQL database), migrated with every migration; `close()` removes it. */
export interface TestDatabase {
  db: Database;
  url: string;
  close(): Promise<void>;
}

/** Opens a fresh migrated database on `engine` (libSQL unless given). */
export async function openTestDatabase(engine: TestEngine = libsqlEngine): Promise<TestDatabase> {
  const location = await engine.freshDatabase();
  const db = await openDatabase(location.url);
  await migrate(db, allMigrations);
  return {
    db,
    url: location.url,
    async close() {
      await db.close();
      await location.remove();
    },
  };
}

/** Appends one event in its own write transaction, as a service route would. */
export function append(db: Database, input: AuditEventInput, at: string | Date): Promise<AuditEvent> {
  return db.transaction((tx) => appendAuditEvent(tx, input, new Date(at)));
}
