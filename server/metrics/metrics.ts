import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The service's Prometheus metrics (PRODUCT.md §10), in a registry of their own per app. */
export interface Metrics {
  registry: Registry;
  deployments: Counter<'environment' | 'outcome'>;
  deployDuration: Histogram<'environment' | 'outcome'>;
  httpRequests: Counter<'route' | 'status'>;
  verifications: Counter<'environment' | 'outcome'>;
}

/** What the gauges read from the database at scrape time, so every replica reports the same. */
export interface MetricSources {
  countPendingApprovals(): Promise<number>;
  /** Every configured gateway of every environment, and whether it was in sync at its last check. */
  gatewaysInSync(): Promise<{ environment: string; gateway: string; inSync: boolean }[]>;
}

/** Creates the metrics; the gauges are read from the database at scrape time. */
export function createMetrics(sources: MetricSources): Metrics {
  const registry = new Registry();
  const deployments = new Counter({
    name: 'forge_deployments_total',
    help: 'Releases finished, by environment and outcome',
    labelNames: ['environment', 'outcome'] as const,
    registers: [registry],
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
    help: 'Whether a gateway served its environment\'s active version at its last check (1) or not (0: drifted, unreachable or unknown)',
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
  const verifications = new Counter({
    name: 'forge_verifications_total',
    help: 'Verification windows ended, by environment and outcome (passed, failed, inconclusive)',
    labelNames: ['environment', 'outcome'] as const,
    registers: [registry],
  });
  return { registry, deployments, deployDuration, httpRequests, verifications };
}
