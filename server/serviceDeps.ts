import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Client } from '@libsql/client';
import type { Logger } from 'pino';
import { createEnvironmentDatabases, type EnvironmentDatabases } from './environments/environmentDatabases';
import { createEventBus, type EventBus } from './events/eventBus';
import { defaultGates } from './gates/defaultGates';
import { createGateRegistry, type Gate, type GateRegistry } from './gates/gate';
import type { VariablesProvider } from './gateways/activationManifest';
import { createLogger } from './logging/createLogger';
import { createMetrics, type Metrics } from './metrics/metrics';
import type { RepositoryWatcher } from './repository/repositoryWatcher';
import { countPendingApprovals } from './releases/releaseStore';
import { resolveVariables } from './secrets/environmentVariables';
import type { SecretKey } from './secrets/secretKey';
import { createBackgroundTasks, type BackgroundTasks } from './tasks/backgroundTasks';

/** Where time comes from; injected so timeouts and freezes are tested without sleeping. */
export type Clock = () => Date;

/** This process, as the owner of the releases it runs (recovery asks whether the owner is still alive). */
export interface ServiceInstance {
  id: string;
  pid: number;
  host: string;
}

/** Everything the app and the deploy engine use; `createApp` reads nothing else (no env, no ports). */
export interface ServiceDeps {
  db: Client;
  clock: Clock;
  logger: Logger;
  environmentDatabases: EnvironmentDatabases;
  /** How long a gateway may take to acknowledge an activation. */
  gatewayTimeoutMs: number;
  events: EventBus;
  metrics: Metrics;
  tasks: BackgroundTasks;
  gates: GateRegistry;
  /** Variables sent to gateways with each activation (secrets are decrypted only here). */
  variables: VariablesProvider;
  /** The server key that seals secret variables (FORGE_SECRET_KEY or the data dir's key file). */
  secretKey: SecretKey;
  instance: ServiceInstance;
  /** The watched repository (`serve --repo`), whose webhook `POST /api/hooks/git` triggers a sync; absent otherwise. */
  repository?: RepositoryWatcher;
}

export interface ServiceDepsOptions {
  db: Client;
  /** Holds the environment databases (`env-<name>.db`). */
  dataDir: string;
  dbAuthToken?: string;
  clock?: Clock;
  logger?: Logger;
  gatewayTimeoutMs?: number;
  /** Gates added to (or replacing, by name) the built-in gates of PRODUCT.md §6. */
  gates?: readonly Gate[];
  variables?: VariablesProvider;
  secretKey: SecretKey;
}

/** Assembles the service's collaborators with sensible defaults. */
export function createServiceDeps(options: ServiceDepsOptions): ServiceDeps {
  const logger = options.logger ?? createLogger();
  return {
    db: options.db,
    clock: options.clock ?? (() => new Date()),
    logger,
    environmentDatabases: createEnvironmentDatabases(options.dataDir, options.dbAuthToken),
    gatewayTimeoutMs: options.gatewayTimeoutMs ?? 10_000,
    events: createEventBus(),
    metrics: createMetrics(() => countPendingApprovals(options.db)),
    tasks: createBackgroundTasks((error) => logger.error({ err: error }, 'background task failed')),
    gates: createGateRegistry([...defaultGates, ...(options.gates ?? [])]),
    variables: options.variables ?? ((environment) => resolveVariables(options.db, environment.name, [options.secretKey])),
    secretKey: options.secretKey,
    instance: { id: randomUUID(), pid: process.pid, host: hostname() },
  };
}
