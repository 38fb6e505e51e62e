// The service's hot reads, each against baselines measured in the same run, with 10 and 50 connections, in
// interleaved rounds (medians): a bare Hono route answering the same body (the framework's ceiling), and for the
// audit page and the releases list also a bare Hono route that runs the same indexed query on its own connection
// and answers its rows (the cost of the query alone). The service runs as `forge-release serve` does: the token
// check on every request and reads served from memory within the default freshness bound (another process's
// write seen within 100 ms).
// Usage: npm run bench:reads   (BENCH_SECONDS per load, default 5; BENCH_ROUNDS, default 3)
import { Hono } from 'hono';
import { appendStandaloneAuditEvents } from '../server/audit/appendAuditEvent';
import { queryAuditEvents } from '../server/audit/queryAuditEvents';
import { listReleases } from '../server/releases/releaseStore';
import { openDatabase } from '../server/store/openDatabase';
import { openBenchService } from './support/benchService';
import { sampleEvent } from './support/sampleAuditEvents';
import { bareRoute, benchSettings, compare, listen, loadLine, printResult, type Comparison, type Served } from './support/readBench';

const auditEvents = 20_000;
const auditFilter = { environment: 'staging', action: 'deployment', limit: '50' };
const releaseFilter = { environment: 'staging', limit: '20' };

async function main(): Promise<void> {
  const service = await openBenchService(24);
  for (let from = 0; from < auditEvents; from += 1000) {
    await appendStandaloneAuditEvents(
      service.deps.db,
      Array.from({ length: 1000 }, (_, offset) => sampleEvent(from + offset)),
      new Date(),
    );
  }
  // The query baselines read through a connection of their own, as the service's store would without its cache.
  const raw = await openDatabase(`file:${service.dataDir}/forge.db`);
  const queryRoutes = new Hono()
    .get('/api/audit', async (c) => c.body(JSON.stringify(await queryAuditEvents(raw, auditFilter)), 200, { 'content-type': 'application/json' }))
    .get('/api/releases', async (c) =>
      c.body(JSON.stringify(await listReleases(raw, { ...releaseFilter, limit: Number(releaseFilter.limit) })), 200, { 'content-type': 'application/json' }),
    );
  const served = await listen(service.app.fetch);
  const query = await listen(queryRoutes.fetch);
  const servers: Served[] = [served, query];

  const targets = [
    { label: 'GET /api/audit (filtered page of 50)', path: `/api/audit?${new URLSearchParams(auditFilter)}`, withQuery: true },
    { label: 'GET /api/releases (list of 20)', path: `/api/releases?${new URLSearchParams(releaseFilter)}`, withQuery: true },
    { label: 'GET /api/environments/staging', path: '/api/environments/staging', withQuery: false },
    { label: 'GET /healthz', path: '/healthz', withQuery: false },
  ];
  const comparisons: Comparison[] = [];
  for (const target of targets) {
    const body = await (await service.app.request(target.path, { headers: service.headers })).text();
    const route = target.path.split('?')[0]!;
    const queryBody = target.withQuery ? await (await fetch(`${query.url}${target.path}`)).text() : body;
    if (queryBody !== body) throw new Error(`${target.path}: the query baseline answers another body than the service`);
    const bare = await listen(bareRoute(route, body).fetch);
    servers.push(bare);
    comparisons.push({
      label: `${target.label} ${body.length} B`,
      subject: `${served.url}${target.path}`,
      baselines: [
        { label: 'bare Hono, same body', url: `${bare.url}${target.path}` },
        ...(target.withQuery ? [{ label: 'bare Hono + query', url: `${query.url}${target.path}` }] : []),
      ],
      headers: service.headers,
    });
  }

  const { seconds, rounds, connections } = benchSettings();
  console.log(`${rounds} rounds of ${seconds} s per side, medians; ${auditEvents} audit events; ${loadLine()}`);
  for (const comparison of comparisons) {
    for (const count of connections) printResult(await compare(comparison, count, rounds, seconds));
  }
  console.log(`done; ${loadLine()}`);
  for (const server of servers) server.close();
  await raw.close();
  await service.close();
}

void main();
