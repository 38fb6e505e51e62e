// Deploy of a 200-artifact version end to end (HTTP request → gates → lock → staged write into the environment
// database → gateway activation → pointer flip → release recorded, with one local gateway) against a raw
// transaction writing the same rows into an environment database of the same engine. Prints both medians and
// the ratio, for the embedded libSQL file and for PostgreSQL (see bench/support/benchEngines.ts).
// Usage: npm run bench:deploy [-- --engine libsql|postgres]
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentHash } from '../core/json/contentHash';
import { canonicalJson } from '../core/json/canonicalJson';
import { generateToken } from '../server/auth/tokens';
import { environmentDatabaseMigrations } from '../server/environments/environmentDatabaseMigrations';
import { openService, serviceOptions } from '../server/main';
import type { Engine } from '../server/store/database';
import { migrate } from '../server/store/migration';
import { openDatabase } from '../server/store/openDatabase';
import { inChunks, rowPlaceholders } from '../server/store/placeholders';
import { benchEngines, openBenchDatabase } from './support/benchEngines';

const artifactCount = 200;
const warmups = 3;
const rounds = 15;

function workflow(name: string, revision: number): string {
  const nodes = Array.from({ length: 12 }, (_, i) => ({
    task_id: `step_${i}`,
    query_str: `${i}: step`,
    dependencies: i === 0 ? [] : [`step_${i - 1}`],
    node_type: 'COMPUTE',
    definition: { method: 'NOOP', endpoint: 'noop', params: { revision, index: i } },
  }));
  return JSON.stringify({ kind: 'workflow', name, description: `revision ${revision}`, spec: { plan: { nodes } } }, null, 2);
}

function artifacts(revision: number) {
  return Array.from({ length: artifactCount }, (_, i) => ({ kind: 'workflow' as const, path: `workflows/flow-${i}.json`, content: workflow(`flow-${i}`, revision) }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function bench(engine: Engine): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'forge-bench-deploy-'));
  const database = await openBenchDatabase(engine, dataDir);
  const gateway = createServer((request, response) => request.resume().on('end', () => response.writeHead(200).end('{}')));
  await new Promise<void>((ready) => gateway.listen(0, '127.0.0.1', ready));
  const gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
  const token = generateToken();
  const { deps, app } = await openService(serviceOptions({ dataDir }, { FORGE_DB_URL: database.url, FORGE_BOOTSTRAP_TOKEN: token, FORGE_LOG_LEVEL: 'warn' }));
  const call = async (method: string, path: string, body: unknown) => {
    const response = await app.request(path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${await response.text()}`);
    return response.json() as Promise<{ id: string }>;
  };
  await call('PUT', '/api/environments/development', { gateways: [gatewayUrl] });

  // Every round deploys a version never staged before, so each one writes its whole bundle.
  const total = warmups + rounds;
  for (let i = 0; i < total; i += 1) await call('POST', '/api/versions', { tag: `v1.${i}.0`, commit: 'abcdef1', artifacts: artifacts(i) });
  // Baseline: the same rows (blobs, staged artifacts, staged set, activation, pointer) in one raw write batch,
  // with the multi-row inserts the service itself uses, into an environment database of the same engine.
  const rawDb = await openDatabase(database.otherUrl);
  await migrate(rawDb, environmentDatabaseMigrations);
  const rawWrite = async (i: number): Promise<number> => {
    const version = `v1.${i}.0`;
    const rows = artifacts(i).map((a) => {
      const value = JSON.parse(a.content) as { name: string };
      return { ...a, name: value.name, hash: contentHash(value), content: canonicalJson(value) };
    });
    const at = new Date().toISOString();
    const started = performance.now();
    const chunks = inChunks(rows, 100);
    await rawDb.batch([
      ...chunks.map((chunk) => ({
        sql: `INSERT INTO blobs (hash, content) VALUES ${rowPlaceholders(chunk.length, 2)} ON CONFLICT DO NOTHING`,
        args: chunk.flatMap((a) => [a.hash, a.content]),
      })),
      ...chunks.map((chunk) => ({
        sql: `INSERT INTO staged_artifacts (version, kind, name, path, hash) VALUES ${rowPlaceholders(chunk.length, 5)}`,
        args: chunk.flatMap((a) => [version, a.kind, a.name, a.path, a.hash]),
      })),
      { sql: 'INSERT INTO staged_sets (version, release_id, artifact_count, staged_at) VALUES (?, ?, ?, ?)', args: [version, version, rows.length, at] },
      { sql: 'INSERT INTO activations (release_id, version, activated_at) VALUES (?, ?, ?)', args: [version, version, at] },
      {
        sql: 'INSERT INTO active_pointer (slot, version, release_id, activated_at) VALUES (1, ?, ?, ?) ON CONFLICT (slot) DO UPDATE SET version = excluded.version',
        args: [version, version, at],
      },
    ]);
    return performance.now() - started;
  };
  const deploy = async (i: number): Promise<number> => {
    const started = performance.now();
    const release = await call('POST', '/api/releases', { version: `v1.${i}.0`, environment: 'development' });
    await deps.tasks.idle();
    const elapsed = performance.now() - started;
    const status = await deps.db.execute({ sql: 'SELECT status FROM releases WHERE id = ?', args: [release.id] });
    if (status.rows[0]?.status !== 'succeeded') throw new Error(`release ${i} did not succeed`);
    return elapsed;
  };

  // Rounds alternate the two, so load from other processes on the machine weighs on both alike.
  const endToEnd: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < total; i += 1) {
    const ours = await deploy(i);
    const baseline = await rawWrite(i);
    if (i >= warmups) {
      endToEnd.push(ours);
      raw.push(baseline);
    }
  }

  const ours = median(endToEnd);
  const baseline = median(raw);
  console.log(`deploy of a ${artifactCount}-artifact version on ${engine}, median of ${rounds}:`);
  console.log(`  end to end (HTTP, gates, lock, staged write, 1 gateway, flip, record): ${ours.toFixed(1)} ms`);
  console.log(`  raw write transaction of the same environment-database rows:          ${baseline.toFixed(1)} ms`);
  console.log(`  ratio end-to-end / raw: ${(ours / baseline).toFixed(2)}×`);

  await rawDb.close();
  await deps.events.close();
  await deps.environmentDatabases.close();
  await deps.db.close();
  gateway.close();
  await database.dispose();
  rmSync(dataDir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  for (const engine of benchEngines()) await bench(engine);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
