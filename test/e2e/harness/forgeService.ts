import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositoryRoot } from './vscodeWeb';

/** A release service running as its own process on a free port, with a known admin token. */
export interface ForgeService {
  url: string;
  /** The first admin's token (FORGE_BOOTSTRAP_TOKEN). */
  adminToken: string;
  dataDir: string;
  /** The service's output so far (JSON log lines). */
  log(): string;
  /** Creates a user with a role and returns a fresh token of theirs. */
  createUser(name: string, role: 'developer' | 'maintainer' | 'admin'): Promise<{ id: string; token: string }>;
  /** An authenticated JSON call as the admin (or with another token); throws on a non-2xx answer. */
  api<T = unknown>(method: string, path: string, body?: unknown, token?: string): Promise<T>;
  stop(): Promise<void>;
}

export interface ForgeServiceOptions {
  /** The bundle to run (default dist/cli.js from `npm run build`). */
  cli?: string;
  /** Extra environment, e.g. FORGE_LOG_LEVEL. */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** Starts `forge-release serve --port 0` with a bootstrap token in a temp data dir and waits for /healthz. */
export async function startForgeService(options: ForgeServiceOptions = {}): Promise<ForgeService> {
  const cli = options.cli ?? join(repositoryRoot, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const dataDir = mkdtempSync(join(tmpdir(), 'forge-service-'));
  const adminToken = randomBytes(32).toString('base64url');
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORGE_LOG_LEVEL: 'info', ...options.env, FORGE_BOOTSTRAP_TOKEN: adminToken },
  });
  let output = '';
  const onOutput = (chunk: Buffer): void => {
    output += chunk.toString();
  };
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);

  try {
    const port = await listeningPort(child, () => output, timeoutMs);
    const url = `http://127.0.0.1:${port}`;
    await waitForHealth(url, timeoutMs);
    const api = async <T>(method: string, path: string, body?: unknown, token = adminToken): Promise<T> => {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    };
    return {
      url,
      adminToken,
      dataDir,
      log: () => output,
      api,
      createUser: async (name, role) => {
        const user = await api<{ id: string }>('POST', '/api/users', { name, role });
        const { token } = await api<{ token: string }>('POST', `/api/users/${encodeURIComponent(user.id)}/tokens`, { name: `${name}-e2e` });
        return { id: user.id, token };
      },
      stop: async () => {
        await stopChild(child);
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** The port from the service's "listening" log line (it was asked for port 0, so the OS chose one). */
function listeningPort(child: ChildProcess, output: () => string, timeoutMs: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const timer = setTimeout(() => finish(new Error(`the service did not listen within ${timeoutMs} ms:\n${output()}`)), timeoutMs);
    const check = (): void => {
      for (const line of output().split('\n')) {
        if (!line.includes('"listening"')) continue;
        const port = (JSON.parse(line) as { port?: unknown }).port;
        if (typeof port === 'number') return finish(undefined, port);
      }
    };
    const onExit = (code: number | null): void => finish(new Error(`the service exited with ${code}:\n${output()}`));
    const finish = (error: Error | undefined, port?: number): void => {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolvePort(port!);
    };
    child.stdout?.on('data', check);
    child.once('exit', onExit);
  });
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not accepting connections yet
    }
    if (Date.now() > deadline) throw new Error(`${url}/healthz did not answer within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
