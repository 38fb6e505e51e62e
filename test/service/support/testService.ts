import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { createApp } from '../../../server/app';
import { generateToken } from '../../../server/auth/tokens';
import type { Gate } from '../../../server/gates/gate';
import { openService, serviceOptions } from '../../../server/main';
import type { Clock, ServiceDeps } from '../../../server/serviceDeps';
import { insertToken, insertUser } from '../../../server/users/userStore';
import type { Role } from '../../../core/access/roles';
import { libsqlEngine, type TestEngine } from '../../support/engines';

/** A service on a fresh real database (a libSQL file in a temp folder, or a new PostgreSQL database), driven through `app.request()`. */
export interface TestService {
  deps: ServiceDeps;
  app: ReturnType<typeof createApp>;
  dataDir: string;
  /** Its database (`FORGE_DB_URL`), for a second replica to share. */
  databaseUrl: string;
  adminToken: string;
  /** Sends a JSON request as `token` (default: the admin); `body` is sent as JSON unless it is a string. */
  call(method: string, path: string, body?: unknown, token?: string | null): Promise<{ status: number; body: any; text: string }>;
  /** Creates a user with a token and returns the token. */
  userToken(name: string, role: Role): Promise<string>;
  close(): Promise<void>;
}

export interface TestServiceOptions {
  clock?: Clock;
  gatewayTimeoutMs?: number;
  logger?: Logger;
  dataDir?: string;
  gates?: readonly Gate[];
  /** The engine of its database (default libSQL). */
  engine?: TestEngine;
  /** Another test service's database instead of a fresh one: a second replica, left for its owner to remove. */
  databaseUrl?: string;
  /** More `FORGE_*` configuration, as `forge-release serve` reads it. */
  env?: Record<string, string>;
}

/** Starts a service over a fresh database with the default environments and an admin. */
export async function startTestService(options: TestServiceOptions = {}): Promise<TestService> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'forge-service-'));
  const adminToken = generateToken();
  const database = options.databaseUrl ? { url: options.databaseUrl, remove: async () => undefined } : await (options.engine ?? libsqlEngine).freshDatabase(dataDir);
  const settings = serviceOptions(
    { dataDir },
    {
      FORGE_DB_URL: database.url,
      FORGE_BOOTSTRAP_TOKEN: adminToken,
      FORGE_GATEWAY_TIMEOUT_MS: String(options.gatewayTimeoutMs ?? 2_000),
      FORGE_LOG_LEVEL: 'silent',
      ...options.env,
    },
  );
  const { deps, app } = await openService(settings, {
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    gates: options.gates,
  });
  const { db } = deps;
  return {
    deps,
    app,
    dataDir,
    databaseUrl: database.url,
    adminToken,
    async call(method, path, body, token = adminToken) {
      const { status, body: parsed, text } = await readAnswer(await app.request(path, testRequest(method, body, token)));
      return { status, body: parsed, text };
    },
    async userToken(name, role) {
      const token = generateToken();
      await db.transaction(async (tx) => {
        const user = await insertUser(tx, { name, role }, deps.clock());
        await insertToken(tx, user.id, 'test', token, deps.clock());
      });
      return token;
    },
    async close() {
      await deps.tasks.idle();
      await deps.events.close();
      await deps.environmentDatabases.close();
      await db.close();
      await database.remove();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A test's request as `token` (null: none); `body` goes as JSON unless it is a string; `headers` are added last. */
export function testRequest(method: string, body: unknown, token: string | null, headers: Record<string, string> = {}): RequestInit {
  const sent: Record<string, string> = {};
  if (token !== null) sent.authorization = `Bearer ${token}`;
  if (body !== undefined) sent['content-type'] = 'application/json';
  return { method, headers: { ...sent, ...headers }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) };
}

/** An answer's status, headers, body parsed as JSON (null when it is not JSON) and text. */
export async function readAnswer(response: Response): Promise<{ status: number; headers: Headers; body: any; text: string }> {
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}
