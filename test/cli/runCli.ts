import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServiceProcess, type ServiceProcess } from '../service/support/serviceProcess';

export const projectRoot = resolve(__dirname, '../..');
export const exampleRepository = join(projectRoot, 'examples/claims-repo');
/** The `forge-release` binary as npm installs it (package.json `bin`), built by `npm run build`. */
export const cliBinary = join(projectRoot, 'dist/cli.js');

// What dist/cli.js is bundled from: a test must never run a binary older than the code it is meant to test.
const bundledSources = ['cli', 'client', 'core', 'git', 'server', 'package.json'];
let builtChecked = false;

/** The path of the built binary; throws, saying what to run, when it is missing or older than a source of it. */
export function builtCli(): string {
  if (builtChecked) return cliBinary;
  const built = statSync(cliBinary, { throwIfNoEntry: false })?.mtimeMs;
  if (built === undefined) throw new Error(`${cliBinary} is missing: run npm run build before the CLI tests`);
  const newer = bundledSources.map((source) => newestChange(join(projectRoot, source))).find((change) => change.mtimeMs > built);
  if (newer) throw new Error(`${cliBinary} is older than ${newer.path}: run npm run build before the CLI tests`);
  builtChecked = true;
  return cliBinary;
}

function newestChange(path: string): { path: string; mtimeMs: number } {
  const stats = statSync(path);
  if (!stats.isDirectory()) return { path, mtimeMs: stats.mtimeMs };
  return readdirSync(path)
    .map((entry) => newestChange(join(path, entry)))
    .reduce((newest, change) => (change.mtimeMs > newest.mtimeMs ? change : newest), { path, mtimeMs: 0 });
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `forge-release` as a child process in `cwd` (default: the project root), with `env` added. */
export function runCli(args: readonly string[], cwd = projectRoot, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const binary = builtCli();
  return new Promise((done) => {
    const options = { cwd, env: { ...process.env, ...env } };
    execFile(process.execPath, [binary, ...args], options, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

/** What a failed step shows: the command's output, so a red test says why. */
export function shown(run: CliRun): string {
  return `exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
}

/** Polls `attempt` every 200 ms until it gives a value. */
export async function until<T>(attempt: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('gave up waiting');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A real `forge-release serve` process over a fresh data folder, and the admin's connection for the CLI. */
export interface CliService {
  service: ServiceProcess;
  /** FORGE_URL and FORGE_TOKEN of the first admin. */
  admin: NodeJS.ProcessEnv;
  /** Stops the service and removes its data folder. */
  stop(): Promise<void>;
}

export async function startCliService(): Promise<CliService> {
  const dataDir = mkdtempSync(join(tmpdir(), 'forge-cli-service-'));
  const token = randomBytes(32).toString('base64url');
  const service = await startServiceProcess(dataDir, token);
  return {
    service,
    admin: { FORGE_URL: service.url, FORGE_TOKEN: token },
    async stop() {
      await service.kill();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Temporary folders holding copies of the example repository, removed by `cleanup()`. */
export class ExampleCopies {
  private readonly folders: string[] = [];

  /** A fresh copy of examples/claims-repo. */
  copy(): string {
    const folder = mkdtempSync(join(tmpdir(), 'forge-cli-'));
    this.folders.push(folder);
    cpSync(exampleRepository, folder, { recursive: true });
    return folder;
  }

  /** An empty temporary folder. */
  empty(): string {
    const folder = mkdtempSync(join(tmpdir(), 'forge-cli-'));
    this.folders.push(folder);
    return folder;
  }

  cleanup(): void {
    for (const folder of this.folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  }
}
