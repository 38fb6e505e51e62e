import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app';
import { startApprovalSweeper } from './approvals/approvalSweeper';
import { bootstrapAdmin } from './auth/bootstrapAdmin';
import { seedEnvironments } from './environments/updateEnvironment';
import { startReconciler } from './gateways/reconciler';
import { createLogger } from './logging/createLogger';
import { recoverReleases } from './releases/recoverReleases';
import { createRepositoryWatcher, type RepositoryWatchOptions } from './repository/repositoryWatcher';
import { heartbeat } from './releases/serviceInstances';
import { parseSecretKey, resolveSecretKey } from './secrets/secretKey';
import { createServiceDeps, type ServiceDepsOptions } from './compose';
import { pruneLoggedEvents } from './events/eventLog';
import type { ServiceDeps } from './serviceDeps';
import { DatabaseUrlError, engineOf, postgresLocation, withoutCredentials } from './store/databaseUrl';
import { migrate } from './store/migration';
import { openDatabase } from './store/openDatabase';
import { allMigrations } from './store/migrations/allMigrations';

/** How the service is configured: flags over `FORGE_*` variables over defaults. */
export interface ServiceOptions {
  port: number;
  host: string | undefined;
  dataDir: string;
  dbUrl: string;
  dbAuthToken: string | undefined;
  bootstrapToken: string | undefined;
  /** `FORGE_SECRET_KEY` (base64 of 32 bytes); without it the data dir's `secret.key` is used, created if absent. */
  secretKey: string | undefined;
  gatewayTimeoutMs: number;
  /** How often overdue approvals are expired (and approved releases waiting for a lock started). */
  approvalSweepMs: number;
  /** How often every environment's gateways are compared with its active version (and healed in `auto` mode). */
  reconcileIntervalMs: number;
  logLevel: string;
  /** The repository whose version tags are registered automatically (`--repo`), or null. */
  repository: RepositoryWatchOptions | null;
}

/** The flags `forge-release serve` accepts. */
export interface ServeFlags {
  port?: string;
  dataDir?: string;
  repo?: string;
  pollInterval?: string;
}

/** A configuration value that cannot be used; the CLI prints its message and exits non-zero. */
export class ServiceConfigError extends Error {
  readonly code = 'invalid_configuration';
}

/**
 * Reads the configuration: `--port`/`FORGE_PORT` (3500), `--data-dir`/`FORGE_DATA_DIR` (./.forge),
 * `FORGE_DB_URL` (file:<data-dir>/forge.db), `FORGE_DB_AUTH_TOKEN`, `FORGE_BOOTSTRAP_TOKEN`, `FORGE_SECRET_KEY`,
 * `FORGE_GATEWAY_TIMEOUT_MS` (10000), `FORGE_APPROVAL_SWEEP_MS` (30000), `FORGE_RECONCILE_INTERVAL_MS` (30000), `FORGE_HOST`, `FORGE_LOG_LEVEL` (info), `--repo`/`FORGE_REPO`,
 * `--poll-interval`/`FORGE_POLL_INTERVAL_MS` (60000) and `FORGE_WEBHOOK_SECRET`. The only place that reads them.
 */
export function serviceOptions(flags: ServeFlags, env: NodeJS.ProcessEnv): ServiceOptions {
  const dataDir = resolve(flags.dataDir ?? env.FORGE_DATA_DIR ?? '.forge');
  const bootstrapToken = env.FORGE_BOOTSTRAP_TOKEN || undefined;
  if (bootstrapToken !== undefined && !/^[A-Za-z0-9._~+/=-]{16,512}$/.test(bootstrapToken)) {
    throw new ServiceConfigError('FORGE_BOOTSTRAP_TOKEN must be 16–512 characters of letters, digits and ._~+/=-');
  }
  const dbUrl = env.FORGE_DB_URL || `file:${join(dataDir, 'forge.db')}`;
  if (engineOf(dbUrl) === 'postgres') {
    try {
      postgresLocation(dbUrl);
    } catch (error) {
      if (error instanceof DatabaseUrlError) throw new ServiceConfigError(`FORGE_DB_URL: ${error.message}`);
      throw error;
    }
  }
  const secretKey = env.FORGE_SECRET_KEY || undefined;
  if (secretKey !== undefined) {
    try {
      parseSecretKey(secretKey);
    } catch (error) {
      throw new ServiceConfigError(`FORGE_SECRET_KEY: ${(error as Error).message}`);
    }
  }
  return {
    port: integer('port', flags.port ?? env.FORGE_PORT ?? '3500', 0, 65535),
    host: env.FORGE_HOST || undefined,
    dataDir,
    dbUrl,
    dbAuthToken: env.FORGE_DB_AUTH_TOKEN || undefined,
    bootstrapToken,
    secretKey,
    gatewayTimeoutMs: integer('FORGE_GATEWAY_TIMEOUT_MS', env.FORGE_GATEWAY_TIMEOUT_MS ?? '10000', 1, 600_000),
    approvalSweepMs: integer('FORGE_APPROVAL_SWEEP_MS', env.FORGE_APPROVAL_SWEEP_MS ?? '30000', 100, 3_600_000),
    reconcileIntervalMs: integer('FORGE_RECONCILE_INTERVAL_MS', env.FORGE_RECONCILE_INTERVAL_MS ?? '30000', 100, 86_400_000),
    logLevel: env.FORGE_LOG_LEVEL || 'info',
    repository: repositoryWatchOptions(flags, env, dataDir),
  };
}

function repositoryWatchOptions(flags: ServeFlags, env: NodeJS.ProcessEnv, dataDir: string): RepositoryWatchOptions | null {
  const source = flags.repo ?? (env.FORGE_REPO || undefined);
  const pollInterval = flags.pollInterval ?? env.FORGE_POLL_INTERVAL_MS;
  if (source === undefined) {
    if (flags.pollInterval !== undefined) throw new ServiceConfigError('--poll-interval needs --repo (the repository to watch)');
    return null;
  }
  return {
    source,
    mirrorDir: join(dataDir, 'repository.git'),
    pollIntervalMs: integer('poll interval (--poll-interval, FORGE_POLL_INTERVAL_MS)', pollInterval ?? '60000', 0, 86_400_000),
    webhookSecret: env.FORGE_WEBHOOK_SECRET || undefined,
  };
}

/** A running service. */
export interface RunningService {
  port: number;
  /** Stops accepting requests, lets running releases finish, and closes the databases. */
  close(): Promise<void>;
}

const heartbeatMs = 5_000;
const recoveryMs = 15_000;
const pruneMs = 60 * 60 * 1000;

/** A service ready to serve: its collaborators, its app, and the first admin's token if it was just created. */
export interface OpenedService {
  deps: ServiceDeps;
  app: ReturnType<typeof createApp>;
  /** The bootstrap admin's plaintext token, only on the start that created it. */
  adminToken: string | null;
}

/**
 * Opens and migrates the database, seeds the default environments and the first admin, and finishes releases
 * a crashed process left in progress. `overrides` replaces collaborators (tests inject a clock, gates, a logger).
 */
export async function openService(options: ServiceOptions, overrides: Partial<ServiceDepsOptions> = {}): Promise<OpenedService> {
  mkdirSync(options.dataDir, { recursive: true });
  const db = await openDatabase(options.dbUrl, { authToken: options.dbAuthToken });
  await migrate(db, allMigrations);
  const deps = createServiceDeps({
    db,
    dbUrl: options.dbUrl,
    dataDir: options.dataDir,
    dbAuthToken: options.dbAuthToken,
    logger: createLogger({ level: options.logLevel }),
    gatewayTimeoutMs: options.gatewayTimeoutMs,
    secretKey: await resolveSecretKey(options.secretKey, options.dataDir),
    ...overrides,
  });
  if (options.repository) deps.repository = createRepositoryWatcher(deps, options.repository);
  const now = deps.clock();
  await seedEnvironments(db, deps.environmentDatabases.defaultUrl, now);
  const adminToken = await bootstrapAdmin(db, now, options.bootstrapToken);
  await heartbeat(db, deps.instance, now);
  const recovered = await recoverReleases(deps);
  if (recovered.succeeded.length + recovered.interrupted.length > 0) deps.logger.warn(recovered, 'finished releases left in progress');
  return { deps, app: createApp(deps), adminToken };
}

/** Starts the service and listens; prints the first admin's token once when it was generated. */
export async function startService(options: ServiceOptions, print: (line: string) => void = console.log): Promise<RunningService> {
  const { deps, app, adminToken } = await openService(options);
  const { db, logger } = deps;
  if (adminToken && !options.bootstrapToken) print(`Created the first admin. Its API token is shown only this once:\n\n  ${adminToken}\n`);
  else if (adminToken) print('Created the first admin with the token from FORGE_BOOTSTRAP_TOKEN.');

  const timers = [
    setInterval(() => void heartbeat(db, deps.instance, deps.clock()).catch((err) => logger.error({ err }, 'heartbeat failed')), heartbeatMs),
    setInterval(() => void recoverReleases(deps).catch((err) => logger.error({ err }, 'recovery failed')), recoveryMs),
    setInterval(() => void pruneLoggedEvents(db, deps.clock()).catch((err) => logger.error({ err }, 'pruning the event log failed')), pruneMs),
  ];
  const sweeper = startApprovalSweeper(deps, options.approvalSweepMs);
  const server = await listen(app.fetch, options);
  // Its first pass runs at once: the start-up check of every gateway.
  const reconciler = startReconciler(deps, options.reconcileIntervalMs);
  const port = addressPort(server, options.port);
  if (engineOf(options.dbUrl) === 'postgres' && !options.secretKey) {
    logger.warn('FORGE_SECRET_KEY is not set: secrets are sealed with this machine\'s key file, which other replicas do not have');
  }
  logger.info({ port, dataDir: options.dataDir, database: withoutCredentials(options.dbUrl), instance: deps.instance.id }, 'listening');
  deps.repository?.start();

  let closing: Promise<void> | null = null;
  return {
    port,
    close: () =>
      (closing ??= (async () => {
        for (const timer of timers) clearInterval(timer);
        await sweeper.stop();
        await reconciler.stop();
        await deps.repository?.stop();
        const stopped = new Promise<void>((done) => server.close(() => done()));
        await deps.tasks.idle();
        // Event streams never go idle on their own.
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        await stopped;
        await deps.events.close();
        await deps.environmentDatabases.close();
        await db.close();
        logger.info('stopped');
      })()),
  };
}

/** Runs the service until SIGTERM or SIGINT, then shuts it down gracefully. */
export async function runService(options: ServiceOptions): Promise<void> {
  const service = await startService(options);
  await new Promise<void>((done) => {
    const stop = () => void service.close().then(done);
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}

function listen(fetch: Parameters<typeof serve>[0]['fetch'], options: ServiceOptions): Promise<ServerType> {
  return new Promise((ready, fail) => {
    const server = serve({ fetch, port: options.port, hostname: options.host }, () => ready(server));
    server.once('error', fail);
  });
}

function addressPort(server: ServerType, fallback: number): number {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : fallback;
}

function integer(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new ServiceConfigError(`${name} must be an integer from ${min} to ${max}, got "${text}"`);
  return value;
}
