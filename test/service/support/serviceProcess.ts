import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const repositoryRoot = join(__dirname, '../../..');

/** A real `forge-release serve` child process. */
export interface ServiceProcess {
  child: ChildProcess;
  port: number;
  url: string;
  /** Every log line it wrote. */
  lines: string[];
  /** Sends a JSON request with the bearer token. */
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** Kills it with `signal` and waits for it to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `forge-release serve` (through tsx, from source) on a free port over `dataDir`, with `token` as the
 * bootstrap admin token; resolves once it logs that it listens.
 */
export async function startServiceProcess(dataDir: string, token: string, env: Record<string, string> = {}): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'serve', '--port', '0', '--data-dir', dataDir], {
    cwd: repositoryRoot,
    env: { ...process.env, FORGE_BOOTSTRAP_TOKEN: token, FORGE_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.stderr.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')));
  const port = await new Promise<number>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`service did not start: ${lines.join('')}`)), 30_000);
    void exited.then(() => fail(new Error(`service exited: ${lines.join('')}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      if (!line.startsWith('{')) return;
      const entry = JSON.parse(line) as { msg?: string; port?: number };
      if (entry.msg === 'listening' && entry.port) {
        clearTimeout(timer);
        ready(entry.port);
      }
    });
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    child,
    port,
    url,
    lines,
    async call(method, path, body) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    },
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
