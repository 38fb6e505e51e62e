import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import type { ForgeLog } from '../logging';
import type { TokenStore } from './tokenStore';

/** The embedded service could not be started; the message says what to look at. */
class EmbeddedServiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedServiceError';
  }
}

/** A started embedded service: where it listens and its admin token. */
interface EmbeddedEndpoint {
  url: string;
  token: string;
}

const startTimeoutMs = 60_000;
const stopTimeoutMs = 5_000;

/**
 * The release service bundled with the extension, run as a child process of the extension host (the editor's
 * own Node runtime, with ELECTRON_RUN_AS_NODE) on a free loopback port, its data in the extension's global
 * storage. Its admin token is generated once and kept in SecretStorage; the service takes it as its bootstrap
 * token, so it is never printed. Output goes to the log channel.
 */
export class EmbeddedService implements vscode.Disposable {
  private child: ChildProcess | undefined;
  private starting: Promise<EmbeddedEndpoint> | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly tokens: TokenStore,
    private readonly log: ForgeLog,
  ) {}

  /** Starts the service once and resolves when `/healthz` answers; later calls share that start. */
  start(): Promise<EmbeddedEndpoint> {
    this.starting ??= this.launch().catch((error: unknown) => {
      this.starting = undefined;
      this.stop();
      throw error;
    });
    return this.starting;
  }

  /** Asks the service to shut down (SIGTERM), killing it if it has not exited within a few seconds. */
  stop(): void {
    const child = this.child;
    this.child = undefined;
    this.starting = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
    child.once('exit', () => clearTimeout(timer));
  }

  dispose(): void {
    this.stop();
  }

  private async launch(): Promise<EmbeddedEndpoint> {
    const bundle = this.context.asAbsolutePath(join('dist', 'service.js'));
    if (!existsSync(bundle)) throw new EmbeddedServiceError(`the bundled service is missing (${bundle}); reinstall the extension or set forge.serverUrl`);
    const dataDir = join(this.context.globalStorageUri.fsPath, 'service');
    mkdirSync(dataDir, { recursive: true });
    const token = await this.adminToken();
    this.log.info(`starting the embedded service (data in ${dataDir})`);
    const child = spawn(process.execPath, [bundle, 'serve', '--port', '0', '--data-dir', dataDir], {
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', FORGE_HOST: '127.0.0.1', FORGE_BOOTSTRAP_TOKEN: token, FORGE_LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const port = await this.followOutput(child, token);
    const url = `http://127.0.0.1:${port}`;
    await waitForHealth(url, child);
    this.log.info(`the embedded service is ready at ${url}`);
    return { url, token };
  }

  /** The admin token of the embedded service, generated on first use (the service creates its admin with it). */
  private async adminToken(): Promise<string> {
    const stored = await this.tokens.embeddedToken();
    if (stored) return stored;
    const token = randomBytes(32).toString('base64url');
    await this.tokens.storeEmbeddedToken(token);
    return token;
  }

  /** Forwards each output line to the log (token masked) and resolves with the port of the "listening" line. */
  private followOutput(child: ChildProcess, token: string): Promise<number> {
    return new Promise((resolvePort, reject) => {
      let settled = false;
      const timer = setTimeout(() => settle(new EmbeddedServiceError(`the embedded service did not start listening within ${startTimeoutMs / 1000} s`)), startTimeoutMs);
      const settle = (error: Error | undefined, port?: number): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) reject(error);
        else resolvePort(port!);
      };
      const onLine = (line: string): void => {
        const entry = parseLogLine(line.split(token).join('[redacted]'));
        if (entry.level >= 50) this.log.error(`service: ${entry.text}`);
        else if (entry.level >= 40) this.log.warn(`service: ${entry.text}`);
        else if (entry.level >= 30) this.log.info(`service: ${entry.text}`);
        else this.log.debug(`service: ${entry.text}`);
        if (entry.port !== undefined) settle(undefined, entry.port);
      };
      splitLines(child.stdout, onLine);
      splitLines(child.stderr, onLine);
      child.once('error', (error) => settle(new EmbeddedServiceError(`the embedded service could not be started: ${error.message}`)));
      child.once('exit', (code, signal) => {
        this.log.warn(`the embedded service exited (${signal ?? `code ${code}`})`);
        if (this.child === child) {
          this.child = undefined;
          // A later start launches a new process instead of handing out this one's address.
          this.starting = undefined;
        }
        settle(new EmbeddedServiceError(`the embedded service exited (${signal ?? `code ${code}`}) before it was ready; see the log`));
      });
    });
  }
}

/** pino's debug level. */
const debugLevel = 20;

export interface LogEntry {
  level: number;
  text: string;
  /** Set on the service's "listening" line. */
  port?: number;
}

/** Reads one JSON log line of the service (plain text lines pass through); request lines come out at debug. */
export function parseLogLine(line: string): LogEntry {
  try {
    const { level, time: _time, service: _service, pid: _pid, hostname: _hostname, msg, err, ...fields } = JSON.parse(line) as Record<string, unknown>;
    const message = typeof msg === 'string' ? msg : line;
    const error = typeof (err as { message?: unknown } | undefined)?.message === 'string' ? `: ${(err as { message: string }).message}` : '';
    const context = Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
    const port = message === 'listening' && typeof fields.port === 'number' ? fields.port : undefined;
    // One line per HTTP request is detail for debugging: kept at debug, so the default Output shows what matters.
    const at = message === 'request' && typeof level === 'number' && level < 40 ? debugLevel : typeof level === 'number' ? level : 30;
    return { level: at, text: `${message}${error}${context}`, port };
  } catch {
    return { level: 30, text: line };
  }
}

function splitLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  let pending = '';
  stream?.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) onLine(line);
  });
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new EmbeddedServiceError('the embedded service exited before it answered /healthz');
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not accepting connections yet
    }
    if (Date.now() > deadline) throw new EmbeddedServiceError(`the embedded service did not answer ${url}/healthz within ${startTimeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
