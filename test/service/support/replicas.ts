import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestDatabaseLocation, TestEngine } from '../../support/engines';
import { startServiceProcess, type ServiceProcess } from './serviceProcess';

/**
 * Service processes sharing one database as replicas behind a load balancer would: each with its own data
 * folder (as on its own machine), all with the same `FORGE_DB_URL` and `FORGE_SECRET_KEY`.
 */
export interface Replicas {
  /** The running replicas, by index; a killed one is replaced by `restart`. */
  processes: ServiceProcess[];
  database: TestDatabaseLocation;
  /** A folder of the test's own beside the replicas' data folders. */
  dataDir: string;
  /** Starts (again) replica `index` and returns it. */
  restart(index: number): Promise<ServiceProcess>;
  close(): Promise<void>;
}

/** How stale a replica's reads served from memory may be after another replica's write (`FORGE_CACHE_FRESHNESS_MS`'s default). */
export const replicaFreshnessMs = 100;

/** Waits out that bound: a read that starts afterwards, on any replica, sees every write answered before the call. */
export function afterFreshnessBound(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, replicaFreshnessMs + 1));
}

/** Starts `count` replicas on a fresh database of `engine`, all at once (so they race through start-up). */
export async function startReplicas(engine: TestEngine, count: number, token: string, env: Record<string, string> = {}): Promise<Replicas> {
  const root = mkdtempSync(join(tmpdir(), 'forge-replicas-'));
  const database = await engine.freshDatabase(root);
  const shared = { FORGE_DB_URL: database.url, FORGE_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'), ...env };
  const dataDirs = Array.from({ length: count }, (_, index) => mkdtempSync(join(root, `replica-${index}-`)));
  const start = (index: number) => startServiceProcess(dataDirs[index]!, token, shared);
  const processes = await Promise.all(dataDirs.map((_, index) => start(index)));
  return {
    processes,
    database,
    dataDir: root,
    async restart(index) {
      processes[index] = await start(index);
      return processes[index];
    },
    async close() {
      await Promise.all(processes.map((replica) => replica.kill()));
      await database.remove();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
