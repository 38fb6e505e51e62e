import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { verifyAuditChain } from './audit/verifyAuditChain';
import { createEnvironmentDatabases, type EnvironmentDatabases } from './environments/environmentDatabases';
import type { Database } from './store/database';
import { filePathOf, withoutCredentials } from './store/databaseUrl';
import { copyTables, CopyError, nonEmptyTables, rowCount } from './store/copyTables';
import { migrate } from './store/migration';
import { allMigrations } from './store/migrations/allMigrations';
import { openDatabase } from './store/openDatabase';
import { unappliedMigrations } from './store/schemaState';

/** What a copy did, for the command to print (URLs without credentials). */
export interface DatabaseCopyReport {
  /** Rows copied per table of the service database. */
  tables: Map<string, number>;
  /** Environments whose definitions moved with the database, and where to. */
  moved: { environment: string; url: string; rows: number }[];
  /** Environments whose definitions live in a database of their own, left where they are. */
  kept: { environment: string; url: string }[];
  /** The audit chain as verified in the target. */
  auditEvents: number;
  /** Ids of the server keys the copied secrets are sealed with: the target service needs the same key. */
  secretKeyIds: string[];
}

/**
 * Copies a whole service database into an empty one — every table, row for row, so the audit chain stays
 * verifiable — and, for each environment whose definitions lived beside the source (an `env-<name>.db` file, a
 * schema of the source's own PostgreSQL database), its definitions to the same place beside the target, its
 * database URL updated to match. Environments pointing elsewhere keep their URL. The target is migrated first;
 * the source must already be at the current schema. The service database is written in one transaction, last,
 * so a copy that fails part-way leaves a target nothing would use: drop it and copy again.
 */
export async function copyServiceDatabase(from: string, to: string): Promise<DatabaseCopyReport> {
  if (from.startsWith('file:') && !existsSync(filePathOf(from))) throw new CopyError(`${from} does not exist`);
  const source = await openDatabase(from);
  if (to.startsWith('file:')) mkdirSync(folderOf(to), { recursive: true });
  const target = await openDatabase(to);
  const sourceEnvironments = createEnvironmentDatabases({ dataDir: folderOf(from), mainUrl: from });
  const targetEnvironments = createEnvironmentDatabases({ dataDir: folderOf(to), mainUrl: to });
  try {
    await assertCurrentSchema(source, from);
    await migrate(target, allMigrations);
    await assertEmpty(target, to);
    const environments = await source.execute('SELECT name, database_url FROM environments ORDER BY name');
    const moved: DatabaseCopyReport['moved'] = [];
    const kept: DatabaseCopyReport['kept'] = [];
    for (const row of environments.rows) {
      const name = String(row.name);
      const url = String(row.database_url);
      if (url !== sourceEnvironments.defaultUrl(name)) {
        kept.push({ environment: name, url: withoutCredentials(url) });
        continue;
      }
      const destination = targetEnvironments.defaultUrl(name);
      moved.push({ environment: name, url: withoutCredentials(destination), rows: await copyDefinitions(sourceEnvironments, targetEnvironments, url, destination) });
    }
    const tables = await target.transaction(async (tx) => {
      const copied = await copyTables(source, tx, ['schema_migrations']);
      for (const { environment } of moved) {
        await tx.execute({ sql: 'UPDATE environments SET database_url = ? WHERE name = ?', args: [targetEnvironments.defaultUrl(environment), environment] });
      }
      return copied;
    });
    for (const [table, rows] of tables) {
      const landed = await rowCount(target, table);
      if (landed !== rows) throw new CopyError(`${table}: ${rows} rows read but ${landed} in the target`);
    }
    const chain = await verifyAuditChain(target);
    if (!chain.ok) throw new CopyError(`the audit chain does not verify in the target: ${JSON.stringify(chain.brokenAt)}`);
    const keys = await target.execute('SELECT DISTINCT key_id FROM environment_variables WHERE secret = 1 ORDER BY key_id');
    return { tables, moved, kept, auditEvents: chain.count, secretKeyIds: keys.rows.map((key) => String(key.key_id)) };
  } finally {
    await sourceEnvironments.close();
    await targetEnvironments.close();
    await source.close();
    await target.close();
  }
}

/** Copies one environment's definitions into an empty database; returns the rows copied (0 when it never had any). */
async function copyDefinitions(sources: EnvironmentDatabases, targets: EnvironmentDatabases, from: string, to: string): Promise<number> {
  // A file that was never created holds nothing; opening it would create it in the source's folder.
  if (from.startsWith('file:') && !existsSync(filePathOf(from))) return 0;
  const source = await sources.open(from);
  const target = await targets.open(to);
  await assertEmpty(target, to);
  const copied = await target.transaction((tx) => copyTables(source, tx, ['schema_migrations']));
  return [...copied.values()].reduce((sum, rows) => sum + rows, 0);
}

async function assertCurrentSchema(db: Database, url: string): Promise<void> {
  const missing = await unappliedMigrations(db);
  if (missing === null) throw new CopyError(`${withoutCredentials(url)} is not a Forge Releases database (it has no schema_migrations table)`);
  if (missing.length > 0) {
    throw new CopyError(
      `${withoutCredentials(url)} lacks migrations ${missing.join(', ')}: start this version of the service on it once (it migrates on start), then copy`,
    );
  }
}

async function assertEmpty(db: Database, url: string): Promise<void> {
  const filled = await nonEmptyTables(db, ['schema_migrations']);
  if (filled.size > 0) {
    const what = [...filled].map(([table, rows]) => `${table}: ${rows} rows`).join(', ');
    throw new CopyError(`${withoutCredentials(url)} already holds data (${what}): copy into an empty database`);
  }
}

/** The folder of an embedded database file, where its environments' files live beside it. */
function folderOf(url: string): string {
  return url.startsWith('file:') ? dirname(filePathOf(url)) : '.';
}

/** The path of a `file:` URL, absolute (`file:///…`, `file:/…`) or relative (`file:.forge/forge.db`). */
