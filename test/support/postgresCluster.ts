import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../server/store/openDatabase';

const repositoryRoot = join(__dirname, '../..');
const script = join(repositoryRoot, 'scripts/postgres.sh');

let server: Promise<string> | null = null;
let startedDir: string | null = null;
let counter = 0;

/**
 * The PostgreSQL server the tests use: `FORGE_TEST_POSTGRES_URL` (CI starts one with scripts/postgres.sh), or
 * else a throw-away cluster started on first use from the installed packages and stopped when the run ends.
 * A machine without PostgreSQL fails the PostgreSQL runs with the script's message; they are never skipped.
 */
export function postgresServer(): Promise<string> {
  return (server ??= (async () => {
    const given = process.env.FORGE_TEST_POSTGRES_URL;
    if (given) return given;
    const dir = mkdtempSync(join(tmpdir(), 'forge-test-postgres-'));
    const started = spawnSync('bash', [script, 'start', dir], { env: { ...process.env, POSTGRES_FAST: '1' }, encoding: 'utf8' });
    if (started.status !== 0) throw new Error(`cannot start a PostgreSQL cluster for the tests: ${started.stderr.trim()}`);
    startedDir = dir;
    process.once('exit', stopPostgresServer);
    return started.stdout.trim();
  })());
}

/** Stops the cluster this run started (nothing when it was given). */
export function stopPostgresServer(): void {
  if (!startedDir) return;
  spawnSync('bash', [script, 'stop', startedDir]);
  startedDir = null;
  server = null;
}

/** A new empty database on the test server: its URL, and `drop` to remove it. */
export interface TestPostgresDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates a fresh database, so every test service starts from nothing and none sees another's rows. */
export async function createPostgresDatabase(): Promise<TestPostgresDatabase> {
  const admin = await postgresServer();
  const name = `forge_test_${process.pid}_${(counter += 1)}`;
  await withAdmin(admin, (db) => db.execute(`CREATE DATABASE ${name}`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdmin(admin, (db) => db.execute(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function withAdmin<T>(url: string, work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const db = await openDatabase(url, { maxConnections: 1 });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}
