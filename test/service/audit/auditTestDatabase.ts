import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@libsql/client';
import type { AuditEvent } from '../../../core/api/audit';
import type { AuditEventInput } from '../../../server/audit/auditEvent';
import { appendAuditEvent } from '../../../server/audit/appendAuditEvent';
import { openDatabase } from '../../../server/store/database';
import { migrate } from '../../../server/store/migration';
import { allMigrations } from '../../../server/store/migrations/allMigrations';

/** A real libSQL database in a temp file, migrated with every migration; `close()` removes it. */
export interface TestDatabase {
  db: Client;
  path: string;
  close(): void;
}

/** Opens a fresh migrated database file in a temp folder. */
export async function openTestDatabase(): Promise<TestDatabase> {
  const folder = mkdtempSync(join(tmpdir(), 'forge-audit-'));
  const path = join(folder, 'forge.db');
  const db = await openDatabase(`file:${path}`);
  await migrate(db, allMigrations);
  return {
    db,
    path,
    close() {
      db.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Appends one event in its own write transaction, as a service route would. */
export async function append(db: Client, input: AuditEventInput, at: string | Date): Promise<AuditEvent> {
  const tx = await db.transaction('write');
  try {
    const event = await appendAuditEvent(tx, input, new Date(at));
    await tx.commit();
    return event;
  } finally {
    tx.close();
  }
}
