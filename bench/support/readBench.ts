// What the read benchmarks share: serving a fetch handler over real HTTP (@hono/node-server, as the service is
// served), loading it with autocannon from a worker thread (so the load generator does not take the server's
// core), and comparing a subject with its baselines in interleaved rounds whose medians make the ratio robust
// on a machine other work shares.
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { serve, type ServerType } from '@hono/node-server';
import autocannon from 'autocannon';
import { Hono } from 'hono';

export interface Served {
  url: string;
  close(): void;
}

/** Serves `fetch` on a free loopback port. */
export async function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<Served> {
  const server = await new Promise<ServerType>((ready) => {
    const started = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => ready(started));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

/** A bare Hono route at `path` answering `body` as JSON: the ceiling of the framework for that answer. */
export function bareRoute(path: string, body: string): Hono {
  return new Hono().get(path, (c) => c.body(body, 200, { 'content-type': 'application/json' }));
}

/** One load of `url` for `seconds`; its requests per second. Any non-2xx answer or error fails the benchmark. */
async function requestsPerSecond(url: string, headers: Record<string, string>, connections: number, seconds: number): Promise<number> {
  const result = await autocannon({ url, connections, duration: seconds, headers, workers: 1 });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result.requests.average;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** What is compared: a subject URL and the baselines it is measured against, all answering the same request. */
export interface Comparison {
  label: string;
  subject: string;
  baselines: { label: string; url: string }[];
  headers: Record<string, string>;
}

export interface ComparisonResult {
  label: string;
  connections: number;
  subjectRate: number;
  baselines: { label: string; rate: number; ratio: number }[];
}

/**
 * Loads the subject and each baseline in turn, `rounds` times, alternating the order every round (A B, B A, …)
 * so that a drift in the machine's load weighs on both alike; reports the median rate of each and the ratio of
 * the medians.
 */
export async function compare(comparison: Comparison, connections: number, rounds: number, seconds: number): Promise<ComparisonResult> {
  const targets = [comparison.subject, ...comparison.baselines.map((baseline) => baseline.url)];
  const rates = targets.map(() => [] as number[]);
  // A short warm-up of each, so no round pays for the JIT or a cold cache.
  for (const url of targets) await requestsPerSecond(url, comparison.headers, connections, 1);
  for (let round = 0; round < rounds; round += 1) {
    const order = targets.map((_, index) => index);
    if (round % 2 === 1) order.reverse();
    for (const index of order) rates[index]!.push(await requestsPerSecond(targets[index]!, comparison.headers, connections, seconds));
  }
  const subjectRate = median(rates[0]!);
  return {
    label: comparison.label,
    connections,
    subjectRate,
    baselines: comparison.baselines.map((baseline, index) => {
      const rate = median(rates[index + 1]!);
      return { label: baseline.label, rate, ratio: subjectRate / rate };
    }),
  };
}

/** One line per baseline: `label, N connections: subject X req/s, baseline Y req/s, ratio R`. */
export function printResult(result: ComparisonResult): void {
  for (const baseline of result.baselines) {
    console.log(
      `${result.label.padEnd(46)} ${String(result.connections).padStart(2)} conn  service ${result.subjectRate.toFixed(0).padStart(6)} req/s` +
        `  ${baseline.label.padEnd(22)} ${baseline.rate.toFixed(0).padStart(6)} req/s  ratio ${baseline.ratio.toFixed(2)}`,
    );
  }
}

/** The machine's load averages, printed with the figures so a reader can tell a quiet run from a busy one. */
export function loadLine(): string {
  return `load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}`;
}

/** `BENCH_SECONDS` per load (default 5), `BENCH_ROUNDS` rounds (default 3, odd so the median is one run). */
export function benchSettings(): { seconds: number; rounds: number; connections: number[] } {
  return { seconds: Number(process.env.BENCH_SECONDS ?? 5), rounds: Number(process.env.BENCH_ROUNDS ?? 3), connections: [10, 50] };
}
