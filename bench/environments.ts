// `GET /api/environments` (token check, three queries, the full environment shapes) against a bare Hono route
// answering a fixed body of the same size, both served over real HTTP by @hono/node-server and loaded with
// autocannon. Prints both throughputs and the ratio.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import autocannon from 'autocannon';
import { Hono } from 'hono';
import { generateToken } from '../server/auth/tokens';
import { openService, serviceOptions } from '../server/main';

const durationSeconds = Number(process.env.BENCH_SECONDS ?? 8);
const connections = 10;

async function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<{ url: string; server: ServerType }> {
  const server = await new Promise<ServerType>((ready) => {
    const started = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => ready(started));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function load(url: string, headers: Record<string, string>): Promise<number> {
  const result = await autocannon({ url, connections, duration: durationSeconds, headers });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'forge-bench-env-'));
  const token = generateToken();
  const { deps, app } = await openService(serviceOptions({ dataDir }, { FORGE_BOOTSTRAP_TOKEN: token, FORGE_LOG_LEVEL: 'warn' }));
  const headers = { authorization: `Bearer ${token}` };
  // A release per environment, so each environment carries its last release in the answer.
  const call = (method: string, path: string, body: unknown) =>
    app.request(path, { method, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const workflow = { kind: 'workflow', name: 'intake', spec: { plan: { nodes: [{ task_id: 'start', query_str: 'start', dependencies: [], node_type: 'COMPUTE', definition: { method: 'NOOP', endpoint: 'noop', params: {} } }] } } };
  await call('POST', '/api/versions', { tag: 'v1.0.0', commit: 'abcdef1', artifacts: [{ kind: 'workflow', path: 'workflows/intake.json', content: JSON.stringify(workflow) }] });
  for (const environment of ['development', 'staging']) {
    await call('POST', '/api/releases', { version: 'v1.0.0', environment });
    await deps.tasks.idle();
  }

  const body = await (await app.request('/api/environments', { headers })).text();
  const bare = new Hono().get('/api/environments', (c) => c.body(body, 200, { 'content-type': 'application/json' }));
  const service = await listen(app.fetch);
  const baseline = await listen(bare.fetch);

  const baselineRate = await load(`${baseline.url}/api/environments`, headers);
  const serviceRate = await load(`${service.url}/api/environments`, headers);
  console.log(`GET /api/environments (${body.length} bytes), ${connections} connections for ${durationSeconds} s each:`);
  console.log(`  service (token check + one query):     ${serviceRate.toFixed(0)} req/s`);
  console.log(`  bare Hono route, same body:              ${baselineRate.toFixed(0)} req/s`);
  console.log(`  ratio service / bare: ${(serviceRate / baselineRate).toFixed(2)}`);

  service.server.close();
  baseline.server.close();
  await deps.events.close();
  await deps.environmentDatabases.close();
  await deps.db.close();
  rmSync(dataDir, { recursive: true, force: true });
}

void main();
