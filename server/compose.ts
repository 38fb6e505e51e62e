import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { createEnvironmentDatabases } from './environments/environmentDatabases';
import { createEventBus } from './events/eventBus';
import { defaultGates } from './gates/defaultGates';
import { createGateRegistry, type Gate } from './gates/gate';
import type { VariablesProvider } from './gateways/activationManifest';
import { gatewaysInSync } from './gateways/syncStore';
import { defaultAccessWindowMinutes } from './audit/accessWindows';
import type { AuditSigner } from './audit/checkpoints/auditSigner';
import type { CheckpointAnchor } from './audit/checkpoints/checkpointAnchor';
import { defaultCheckpointInterval, parseCheckpointInterval, type CheckpointInterval } from './audit/checkpoints/checkpointInterval';
import { createLogger } from './logging/createLogger';
import { createMetrics } from './metrics/metrics';
import { countPendingApprovals } from './releases/releaseStore';
import { resolveVariables } from './secrets/environmentVariables';
import type { SecretKey } from './secrets/secretKey';
import type { Clock, ServiceDeps } from './serviceDeps';
import type { Database } from './store/database';
import { createBackgroundTasks } from './tasks/backgroundTasks';

/** What the service is assembled from; everything optional has a default. */
export interface ServiceDepsOptions {
  db: Database;
  /** The URL `db` was opened from: on PostgreSQL, environments default to schemas of that database. */
  dbUrl: string;
  /** Holds the embedded environment databases (`env-<name>.db`). */
  dataDir: string;
  dbAuthToken?: string;
  clock?: Clock;
  logger?: Logger;
  gatewayTimeoutMs?: number;
  /** Gates added to (or replacing, by name) the built-in gates of PRODUCT.md §6. */
  gates?: readonly Gate[];
  variables?: VariablesProvider;
  secretKey: SecretKey;
  /** Signs audit checkpoints and reports. */
  auditSigner: AuditSigner;
  /** Where checkpoints are anchored outside the database (none by default). */
  checkpointAnchors?: readonly CheckpointAnchor[];
  /** When checkpoints are due (default `1000 events, 15 minutes`). */
  checkpointInterval?: CheckpointInterval;
  /** The length of an access window in minutes (default 15). */
  accessWindowMinutes?: number;
  /** How often the event log is read for other processes' events (see createEventBus). */
  eventPollMs?: number;
}

/** The composition root of the service: builds every collaborator once, with sensible defaults. */
export function createServiceDeps(options: ServiceDepsOptions): ServiceDeps {
  const logger = options.logger ?? createLogger();
  const clock = options.clock ?? (() => new Date());
  return {
    db: options.db,
    clock,
    logger,
    environmentDatabases: createEnvironmentDatabases({ dataDir: options.dataDir, mainUrl: options.dbUrl, authToken: options.dbAuthToken }),
    gatewayTimeoutMs: options.gatewayTimeoutMs ?? 10_000,
    events: createEventBus(options.db, { clock, logger, pollMs: options.eventPollMs }),
    metrics: createMetrics({ countPendingApprovals: () => countPendingApprovals(options.db), gatewaysInSync: () => gatewaysInSync(options.db) }),
    tasks: createBackgroundTasks((error) => logger.error({ err: error }, 'background task failed')),
    gates: createGateRegistry([...defaultGates, ...(options.gates ?? [])]),
    variables: options.variables ?? ((environment) => resolveVariables(options.db, environment.name, [options.secretKey])),
    secretKey: options.secretKey,
    auditTrail: {
      signer: options.auditSigner,
      anchors: options.checkpointAnchors ?? [],
      checkpointInterval: options.checkpointInterval ?? parseCheckpointInterval(defaultCheckpointInterval),
      accessWindowMinutes: options.accessWindowMinutes ?? defaultAccessWindowMinutes,
    },
    instance: { id: randomUUID(), pid: process.pid, host: hostname() },
  };
}
