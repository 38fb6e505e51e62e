// The engines a benchmark runs on: the embedded libSQL file always; PostgreSQL on `FORGE_BENCH_POSTGRES_URL`
// (a server URL whose role may create databases), or else a throw-away cluster started with
// scripts/postgres.sh (durable defaults: fsync and synchronous commit on). `--engine libsql|postgres` picks one.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../../server/store/database';
import { openDatabase } from '../../server/store/openDatabase';

/** A fresh database for one benchmark on one engine. */
export interface BenchDatabase {
  engine: Engine;
  /** The service database's URL. */
  url: string;
  /** Another empty database of the same engine, on the same disk or server (for a baseline or a second figure). */
  otherUrl: string;
  dispose(): Promise<void>;
}

const script = join(__dirname, '../../scripts/postgres.sh');

/** The engines asked for on the command line (`--engine <name>`), both by default. */
export function benchEngines(argv: readonly string[] = process.argv): Engine[] {
  const index = argv.indexOf('--engine');
  const wanted = index >= 0 ? argv[index + 1] : undefined;
  if (wanted === undefined) return ['libsql', 'postgres'];
  if (wanted !== 'libsql' && wanted !== 'postgres') throw new Error(`--engine must be libsql or postgres, got ${wanted}`);
  return [wanted];
}

/** The command-line arguments that are not `--engine <name>`. */
export function positionalArguments(argv: readonly string[] = process.argv.slice(2)): string[] {
  const index = argv.indexOf('--engine');
  return index < 0 ? [...argv] : [...argv.slice(0, index), ...argv.slice(index + 2)];
}

/** Opens a fresh benchmark database on `engine`; `dispose` removes it (and a cluster this call started). */
export async function openBenchDatabase(engine: Engine, folder: string): Promise<BenchDatabase> {
  if (engine === 'libsql') {
    return { engine, url: `file:${join(folder, 'forge.db')}`, otherUrl: `file:${join(folder, 'other.db')}`, dispose: async () => undefined };
  }
  let server = process.env.FORGE_BENCH_POSTGRES_URL;
  let clusterDir: string | null = null;
  if (!server) {
    clusterDir = mkdtempSync(join(tmpdir(), 'forge-bench-postgres-'));
    const started = spawnSync('bash', [script, 'start', clusterDir], { encoding: 'utf8' });
    if (started.status !== 0) throw new Error(`cannot start PostgreSQL for the benchmark: ${started.stderr.trim()}`);
    server = started.stdout.trim();
  }
  const names = [`forge_bench_${process.pid}`, `forge_bench_${process.pid}_other`];
  const admin = await openDatabase(server, { maxConnections: 1 });
  for (const name of names) await admin.execute(`CREATE DATABASE ${name}`);
  const urlOf = (name: string) => Object.assign(new URL(server), { pathname: `/${name}` }).toString();
  return {
    engine,
    url: urlOf(names[0]!),
    otherUrl: urlOf(names[1]!),
    async dispose() {
      for (const name of names) await admin.execute(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
      if (clusterDir) {
        spawnSync('bash', [script, 'stop', clusterDir]);
        rmSync(clusterDir, { recursive: true, force: true });
      }
    },
  };
}
