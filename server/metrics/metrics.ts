import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The outcomes a finished release is counted under. */
export const deploymentOutcomes = ['succeeded', 'failed'] as const;

/** The service's Prometheus metrics (PRODUCT.md §10), in a registry of their own per app. */
export interface Metrics {
  registry: Registry;
  deployments: Counter<'environment' | 'outcome'>;
  deployDuration: Histogram<'environment' | 'outcome'>;
  httpRequests: Counter<'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  verifications: Counter<'environment' | 'outcome'>;
}

/** What the metrics read from the database at scrape time, so every replica reports the same. */
export interface MetricsSources {
  countPendingApprovals(): Promise<number>;
  /** Every environment's name: each gets its deploy counters at 0 before its first release. */
  environmentNames(): Promise<string[]>;
  /** Every configured gateway of every environment, and whether it was in sync at its last check. */
  gatewaysInSync(): Promise<{ environment: string; gateway: string; inSync: boolean }[]>;
}

/**
 * Creates the metrics: prom-client's default process metrics (less three misnamed gauges), the deploy counter and duration, pending
 * approvals, and HTTP requests by method, route pattern (never the raw path, so ids do not multiply series) and
 * status. The deploy counter shows 0 for every environment and outcome, so a rate or an alert on failures works
 * before the first failure.
 */
export function createMetrics(sources: MetricsSources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // prom-client names these three gauges with the counter suffix `_total`, which Prometheus' own checker refuses.
  for (const misnamed of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) {
    registry.removeSingleMetric(misnamed);
  }
  const deployments = new Counter({
    name: 'forge_deployments_total',
    help: 'Releases finished, by environment and outcome',
    labelNames: ['environment', 'outcome'] as const,
    registers: [registry],
    async collect() {
      for (const environment of await sources.environmentNames()) {
        for (const outcome of deploymentOutcomes) this.inc({ environment, outcome }, 0);
      }
    },
  });
  const deployDuration = new Histogram({
    name: 'forge_deploy_duration_seconds',
    help: 'Time from taking the environment lock to the release finishing',
    labelNames: ['environment', 'outcome'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [registry],
  });
  new Gauge({
    name: 'forge_pending_approvals',
    help: 'Releases waiting for approval',
    registers: [registry],
    async collect() {
      this.set(await sources.countPendingApprovals());
    },
  });
  new Gauge({
    name: 'forge_gateway_in_sync',
    help: "Whether a gateway served its environment's active version at its last check (1) or not (0: drifted, unreachable or unknown)",
    labelNames: ['environment', 'gateway'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const { environment, gateway, inSync } of await sources.gatewaysInSync()) this.set({ environment, gateway }, inSync ? 1 : 0);
    },
  });
  const httpRequests = new Counter({
    name: 'forge_http_requests_total',
    help: 'HTTP requests, by matched route and status',
    labelNames: ['route', 'status'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'forge_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, matched route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const verifications = new Counter({
    name: 'forge_verifications_total',
    help: 'Verification windows ended, by environment and outcome (passed, failed, inconclusive)',
    labelNames: ['environment', 'outcome'] as const,
    registers: [registry],
  });
  return { registry, deployments, deployDuration, httpRequests, httpDuration, verifications };
}
