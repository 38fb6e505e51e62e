import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repositoryRoot = join(__dirname, '../..');
const script = join(repositoryRoot, 'scripts/prometheus.sh');

/** One sample as Prometheus answers an instant query. */
export interface PrometheusSample {
  labels: Record<string, string>;
  value: number;
}

/**
 * A set of series the test controls, exported to the real Prometheus of the run. Every series carries the label
 * `scope="<id>"`, so a test's queries (`forge_test_ratio{${scope.selector}}`) see its own series only.
 */
export interface MetricsScope {
  id: string;
  /** The label matcher of this scope's series: `scope="<id>"`. */
  selector: string;
  /** Sets a gauge. */
  gauge(name: string, labels: Record<string, string>, value: number): void;
  /** A counter that grows by `perSecond` every second from now on, continuing from where it stands. */
  counter(name: string, labels: Record<string, string>, perSecond: number): void;
  /** Removes every series of this scope: Prometheus marks them stale at its next scrape. */
  clear(): void;
}

/** The Prometheus of this run and the exporter it scrapes. */
export interface TestPrometheus {
  url: string;
  /** A fresh scope of series for one test. */
  scope(): MetricsScope;
  /** The samples of an instant query, evaluated by the real Prometheus. */
  query(promql: string): Promise<PrometheusSample[]>;
  /** Waits until an instant query's samples satisfy `accept` (a scrape every second), or fails after `timeoutMs`. */
  waitFor(promql: string, accept: (samples: PrometheusSample[]) => boolean, timeoutMs?: number): Promise<PrometheusSample[]>;
}

interface Series {
  name: string;
  labels: Record<string, string>;
  value: () => number;
}

let started: Promise<TestPrometheus> | null = null;
let ownedDir: string | null = null;
let targetFile: string | null = null;
let exporterServer: Server | null = null;

/**
 * The Prometheus the tests use, started once per run: the one `.ci/run` started (`FORGE_TEST_PROMETHEUS_DIR`,
 * the folder of `scripts/prometheus.sh start`), or else a throw-away one from the installed `prometheus` package,
 * stopped when the run ends. A machine without Prometheus fails these tests with the script's message; they are
 * never skipped. The exporter the tests control is registered with it as a file_sd target and scraped every second.
 */
export function testPrometheus(): Promise<TestPrometheus> {
  return (started ??= (async () => {
    const dir = process.env.FORGE_TEST_PROMETHEUS_DIR || startPrometheus();
    const url = readFileSync(join(dir, 'url'), 'utf8').trim();
    const series = new Map<string, Series>();
    const exporter = await serveSeries(series);
    exporterServer = exporter.server;
    const exporterId = `forge-test-${process.pid}-${randomUUID().slice(0, 8)}`;
    targetFile = join(dir, 'targets', `${exporterId}.json`);
    // Prometheus watches the folder: write the target whole, then move it in.
    const partial = join(dir, 'targets', `.${exporterId}.tmp`);
    writeFileSync(partial, JSON.stringify([{ targets: [`127.0.0.1:${exporter.port}`], labels: { exporter: exporterId } }]));
    renameSync(partial, targetFile);
    process.once('exit', stopTestPrometheus);
    const prometheus: TestPrometheus = {
      url,
      scope: () => newScope(series),
      query: (promql) => instantQuery(url, promql),
      waitFor: (promql, accept, timeoutMs = 20_000) => waitForSamples(url, promql, accept, timeoutMs),
    };
    // Service discovery hands new targets over every few seconds; only then is the exporter scraped.
    await prometheus.waitFor(`up{exporter="${exporterId}"} == 1`, (samples) => samples.length === 1, 30_000);
    return prometheus;
  })());
}

/** Unregisters the exporter and stops the Prometheus this run started (a given one is left running). */
export function stopTestPrometheus(): void {
  if (targetFile) rmSync(targetFile, { force: true });
  targetFile = null;
  exporterServer?.close();
  exporterServer = null;
  if (ownedDir) spawnSync('bash', [script, 'stop', ownedDir]);
  ownedDir = null;
  started = null;
}

function startPrometheus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'forge-test-prometheus-'));
  const result = spawnSync('bash', [script, 'start', dir], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`cannot start Prometheus for the tests: ${result.stderr.trim()}`);
  ownedDir = dir;
  return dir;
}

async function serveSeries(series: Map<string, Series>): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    if (request.url !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    // Grouped by name, as the exposition format wants a metric's series together.
    const lines = [...series.values()]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map(
        (one) =>
          `${one.name}{${Object.entries(one.labels)
            .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
            .join(',')}} ${formatValue(one.value())}`,
      );
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(`${lines.join('\n')}\n`);
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  server.unref();
  return { server, port: (server.address() as AddressInfo).port };
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  return String(value);
}

function newScope(series: Map<string, Series>): MetricsScope {
  const id = randomUUID().slice(0, 12);
  const keyOf = (name: string, labels: Record<string, string>) => `${id}|${name}|${JSON.stringify(Object.entries(labels).sort())}`;
  const put = (name: string, labels: Record<string, string>, value: () => number) => series.set(keyOf(name, labels), { name, labels: { ...labels, scope: id }, value });
  return {
    id,
    selector: `scope="${id}"`,
    gauge: (name, labels, value) => put(name, labels, () => value),
    counter(name, labels, perSecond) {
      const base = series.get(keyOf(name, labels))?.value() ?? 0;
      const since = Date.now();
      put(name, labels, () => base + (perSecond * (Date.now() - since)) / 1000);
    },
    clear() {
      for (const key of [...series.keys()]) if (key.startsWith(`${id}|`)) series.delete(key);
    },
  };
}

async function instantQuery(url: string, promql: string): Promise<PrometheusSample[]> {
  const response = await fetch(`${url}/api/v1/query?${new URLSearchParams({ query: promql })}`);
  const answer = (await response.json()) as {
    status: string;
    error?: string;
    data?: { resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] };
  };
  if (answer.status !== 'success' || answer.data?.resultType !== 'vector') throw new Error(`Prometheus refused ${promql}: ${answer.error ?? answer.data?.resultType}`);
  return answer.data.result.map((sample) => ({ labels: sample.metric, value: Number(sample.value[1]) }));
}

async function waitForSamples(url: string, promql: string, accept: (samples: PrometheusSample[]) => boolean, timeoutMs: number): Promise<PrometheusSample[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const last = await instantQuery(url, promql);
    if (accept(last)) return last;
    if (Date.now() > deadline) throw new Error(`Prometheus never answered ${promql} as expected within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
