// `GET /api/environments` (token check, every environment with its last release and pending approvals) against
// a bare Hono route answering the same body, both served over real HTTP by @hono/node-server and loaded with
// autocannon, with 10 and 50 connections, in interleaved rounds (medians). The service runs with the token check
// and the default freshness bound of reads served from memory (another process's write seen within 100 ms).
// Usage: npm run bench:environments   (BENCH_SECONDS per load, default 5; BENCH_ROUNDS, default 3)
import { benchSettings, bareRoute, compare, listen, loadLine, printResult } from './support/readBench';
import { openBenchService } from './support/benchService';

async function main(): Promise<void> {
  const service = await openBenchService(2);
  const path = '/api/environments';
  const body = await (await service.app.request(path, { headers: service.headers })).text();
  const served = await listen(service.app.fetch);
  const bare = await listen(bareRoute(path, body).fetch);
  const { seconds, rounds, connections } = benchSettings();
  console.log(`GET ${path} (${body.length} bytes); ${rounds} rounds of ${seconds} s per side, medians; ${loadLine()}`);
  for (const count of connections) {
    printResult(
      await compare(
        { label: `GET ${path}`, subject: `${served.url}${path}`, baselines: [{ label: 'bare Hono, same body', url: `${bare.url}${path}` }], headers: service.headers },
        count,
        rounds,
        seconds,
      ),
    );
  }
  console.log(`done; ${loadLine()}`);
  served.close();
  bare.close();
  await service.close();
}

void main();
