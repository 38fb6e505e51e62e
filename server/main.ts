import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app';
import { AuditSigningKeyError, parseAuditSigningKey, resolveAuditSigner } from './audit/checkpoints/auditSigner';
import type { CheckpointAnchor } from './audit/checkpoints/checkpointAnchor';
import { defaultCheckpointInterval, parseCheckpointInterval, type CheckpointInterval } from './audit/checkpoints/checkpointInterval';
import { fileAnchor } from './audit/checkpoints/fileAnchor';
import { defaultAuditRef, gitAnchor } from './audit/checkpoints/gitAnchor';
import { urlAnchor } from './audit/checkpoints/urlAnchor';
import { defaultAccessWindowMinutes } from './audit/accessWindows';
import { startAuditKeeper } from './audit/auditKeeper';
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
import { startVerificationSweeper } from './verification/verificationSweeper';

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
  /** How stale another process's writes may be seen by reads served from memory (`FORGE_CACHE_FRESHNESS_MS`). */
  cacheFreshnessMs: number;
  /** The repository whose version tags are registered automatically (`--repo`), or null. */
  repository: RepositoryWatchOptions | null;
  /** `FORGE_AUDIT_SIGNING_KEY`; without it the data dir's `audit-signing.key` is used, created if absent. */
  auditSigningKey: string | undefined;
  /** `FORGE_CHECKPOINT_INTERVAL`: when a checkpoint of the audit chain is due. */
  checkpointInterval: CheckpointInterval;
  /** Where checkpoints are anchored: `FORGE_AUDIT_ANCHOR_FILE`, `FORGE_AUDIT_ANCHOR_URL`, and a ref of the watched repository. */
  anchors: { file: string | null; url: string | null; gitRef: string | null };
  /** `FORGE_ACCESS_WINDOW_MINUTES`: reads of production are recorded as one `access` event per user, environment and window. */
  accessWindowMinutes: number;
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
 * `FORGE_GATEWAY_TIMEOUT_MS` (10000), `FORGE_APPROVAL_SWEEP_MS` (30000), `FORGE_RECONCILE_INTERVAL_MS` (30000), `FORGE_CACHE_FRESHNESS_MS` (100), `FORGE_HOST`,
 * `FORGE_LOG_LEVEL` (info), `--repo`/`FORGE_REPO`, `--poll-interval`/`FORGE_POLL_INTERVAL_MS` (60000), `FORGE_WEBHOOK_SECRET`,
 * `FORGE_AUDIT_SIGNING_KEY`, `FORGE_CHECKPOINT_INTERVAL` (1000 events, 15 minutes), `FORGE_AUDIT_ANCHOR_FILE`,
 * `FORGE_AUDIT_ANCHOR_URL` and `FORGE_AUDIT_ANCHOR_REF` (refs/forge/audit with a repository) and
 * `FORGE_ACCESS_WINDOW_MINUTES` (15). The only place that reads them.
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
  const auditSigningKey = env.FORGE_AUDIT_SIGNING_KEY || undefined;
  if (auditSigningKey !== undefined) {
    try {
      parseAuditSigningKey(auditSigningKey);
    } catch (error) {
      if (error instanceof AuditSigningKeyError) throw new ServiceConfigError(`FORGE_AUDIT_SIGNING_KEY: ${error.message}`);
      throw error;
    }
  }
  const repository = repositoryWatchOptions(flags, env, dataDir);
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
    cacheFreshnessMs: integer('FORGE_CACHE_FRESHNESS_MS', env.FORGE_CACHE_FRESHNESS_MS ?? '100', 0, 60_000),
    repository,
    auditSigningKey,
    checkpointInterval: checkpointIntervalOption(env.FORGE_CHECKPOINT_INTERVAL || defaultCheckpointInterval),
    anchors: anchorOptions(env, repository !== null),
    accessWindowMinutes: integer('FORGE_ACCESS_WINDOW_MINUTES', env.FORGE_ACCESS_WINDOW_MINUTES ?? String(defaultAccessWindowMinutes), 1, 1440),
  };
}

function checkpointIntervalOption(text: string): CheckpointInterval {
  try {
    return parseCheckpointInterval(text);
  } catch (error) {
    throw new ServiceConfigError(`FORGE_CHECKPOINT_INTERVAL: ${(error as Error).message}`);
  }
}

function anchorOptions(env: NodeJS.ProcessEnv, watchesRepository: boolean): ServiceOptions['anchors'] {
  const url = env.FORGE_AUDIT_ANCHOR_URL || null;
  if (url !== null && !/^https?:\/\/[^/]/i.test(url)) throw new ServiceConfigError('FORGE_AUDIT_ANCHOR_URL must be an http(s) URL');
  const ref = env.FORGE_AUDIT_ANCHOR_REF || defaultAuditRef;
  if (ref !== 'off' && !/^refs\/[A-Za-z0-9._/-]+$/.test(ref))
    throw new ServiceConfigError('FORGE_AUDIT_ANCHOR_REF must be a ref name under refs/ (e.g. refs/forge/audit), or off');
  if (env.FORGE_AUDIT_ANCHOR_REF && ref !== 'off' && !watchesRepository)
    throw new ServiceConfigError('FORGE_AUDIT_ANCHOR_REF needs --repo (the repository to commit checkpoints to)');
  return { file: env.FORGE_AUDIT_ANCHOR_FILE || null, url, gitRef: watchesRepository && ref !== 'off' ? ref : null };
}

/** The anchors the options name, in the order they are written. */
function checkpointAnchors(options: ServiceOptions): CheckpointAnchor[] {
  const anchors: CheckpointAnchor[] = [];
  if (options.anchors.file) anchors.push(fileAnchor(options.anchors.file));
  if (options.anchors.url) anchors.push(urlAnchor(options.anchors.url, options.gatewayTimeoutMs));
  if (options.anchors.gitRef && options.repository) {
    anchors.push(gitAnchor({ mirrorDir: options.repository.mirrorDir, source: options.repository.source, ref: options.anchors.gitRef }));
  }
  return anchors;
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
const auditKeeperMs = 10_000;

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
  const opened = await openDatabase(options.dbUrl, { authToken: options.dbAuthToken });
  await migrate(opened, allMigrations);
  const deps = createServiceDeps({
    db: opened,
    dbUrl: options.dbUrl,
    dataDir: options.dataDir,
    dbAuthToken: options.dbAuthToken,
    logger: createLogger({ level: options.logLevel }),
    gatewayTimeoutMs: options.gatewayTimeoutMs,
    secretKey: await resolveSecretKey(options.secretKey, options.dataDir),
    cacheFreshnessMs: options.cacheFreshnessMs,
    auditSigner: await resolveAuditSigner(options.auditSigningKey, options.dataDir),
    checkpointAnchors: checkpointAnchors(options),
    checkpointInterval: options.checkpointInterval,
    accessWindowMinutes: options.accessWindowMinutes,
    ...overrides,
  });
  if (options.repository) deps.repository = createRepositoryWatcher(deps, options.repository);
  // From here on every write goes through deps.db, so other processes' caches see it.
  const { db } = deps;
  const now = deps.clock();
  await seedEnvironments(db, deps.environmentDatabases.defaultUrl, now);
  const adminToken = await bootstrapAdmin(db, now, options.bootstrapToken);
  await heartbeat(db, deps.instance, now);
  const recovered = await recoverReleases(deps);
  if (recovered.succeeded.length + recovered.interrupted.length > 0) deps.logger.warn(recovered, 'finished releases left in progress');
  return { deps, app: createApp(deps), adminToken };
}

/**
 * Starts the service: takes the port first (a busy port fails the start before the database is touched), then
 * opens the service and answers with it; prints the first admin's token once when it was generated, and a line
 * saying where the service listens.
 */
export async function startService(options: ServiceOptions, print: (line: string) => void = console.log): Promise<RunningService> {
  let handle: FetchHandler = startingResponse;
  const server = await listen((request, env) => handle(request, env), options);
  let opened: OpenedService;
  try {
    opened = await openService(options);
  } catch (error) {
    await new Promise<void>((done) => server.close(() => done()));
    throw error;
  }
  const { deps, app, adminToken } = opened;
  handle = app.fetch;
  const { db, logger } = deps;
  if (adminToken && !options.bootstrapToken) print(`Created the first admin. Its API token is shown only this once:\n\n  ${adminToken}\n`);
  else if (adminToken) print('Created the first admin with the token from FORGE_BOOTSTRAP_TOKEN.');

  const timers = [
    setInterval(() => void heartbeat(db, deps.instance, deps.clock()).catch((err) => logger.error({ err }, 'heartbeat failed')), heartbeatMs),
    setInterval(() => void recoverReleases(deps).catch((err) => logger.error({ err }, 'recovery failed')), recoveryMs),
    setInterval(() => void pruneLoggedEvents(db, deps.clock()).catch((err) => logger.error({ err }, 'pruning the event log failed')), pruneMs),
  ];
  const sweeper = startApprovalSweeper(deps, options.approvalSweepMs);
  const verifications = startVerificationSweeper(deps);
  const keeper = startAuditKeeper(deps, auditKeeperMs);
  // Its first pass runs at once: the start-up check of every gateway.
  const reconciler = startReconciler(deps, options.reconcileIntervalMs);
  const port = addressPort(server, options.port);
  if (engineOf(options.dbUrl) === 'postgres' && !options.secretKey) {
    logger.warn("FORGE_SECRET_KEY is not set: secrets are sealed with this machine's key file, which other replicas do not have");
  }
  if (engineOf(options.dbUrl) === 'postgres' && !options.auditSigningKey) {
    logger.warn("FORGE_AUDIT_SIGNING_KEY is not set: audit checkpoints are signed with this machine's key file, which other replicas do not have");
  }
  logger.info({ port, dataDir: options.dataDir, database: withoutCredentials(options.dbUrl), instance: deps.instance.id }, 'listening');
  print(`listening on ${serviceUrl(options.host, port)}`);
  deps.repository?.start();

  let closing: Promise<void> | null = null;
  return {
    port,
    close: () =>
      (closing ??= (async () => {
        for (const timer of timers) clearInterval(timer);
        await sweeper.stop();
        await verifications.stop();
        await reconciler.stop();
        await keeper.stop();
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

type FetchHandler = Parameters<typeof serve>[0]['fetch'];

/** What a request gets in the moment between taking the port and the service being ready. */
function startingResponse(): Response {
  const body = { error: { code: 'starting', message: 'the service is starting; try again in a moment', details: {} } };
  return Response.json(body, { status: 503, headers: { 'retry-after': '1' } });
}

/** Listens on the configured port; a port that is taken or not allowed is a configuration error, reported at once. */
function listen(fetch: FetchHandler, options: ServiceOptions): Promise<ServerType> {
  return new Promise((ready, fail) => {
    const server = serve({ fetch, port: options.port, hostname: options.host }, () => ready(server));
    server.once('error', (error: NodeJS.ErrnoException) => {
      const where = `${options.host ?? ''}:${options.port}`;
      if (error.code === 'EADDRINUSE')
        fail(new ServiceConfigError(`port ${options.port} is already in use (${where}): stop what listens there, or choose another port with --port or FORGE_PORT`));
      else if (error.code === 'EACCES')
        fail(new ServiceConfigError(`port ${options.port} may not be opened by this user (${where}): choose a port above 1023 with --port or FORGE_PORT`));
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') fail(new ServiceConfigError(`FORGE_HOST "${options.host}" is no address of this machine`));
      else fail(error);
    });
  });
}

/** The URL a person opens: `localhost` when the service listens on every interface. */
function serviceUrl(host: string | undefined, port: number): string {
  const shown = host === undefined || host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
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
