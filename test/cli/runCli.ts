import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const projectRoot = resolve(__dirname, '../..');
export const exampleRepository = join(projectRoot, 'examples/claims-repo');
export const cliEntry = join(projectRoot, 'cli/main.ts');
// An absolute loader URL, so the CLI also runs from folders that have no node_modules.
export const tsxLoader = pathToFileURL(join(projectRoot, 'node_modules/tsx/dist/loader.mjs')).href;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `forge-release` as a child process in `cwd` (default: the project root), with `env` added. */
export function runCli(args: readonly string[], cwd = projectRoot, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((done) => {
    const options = { cwd, env: { ...process.env, ...env } };
    execFile(process.execPath, ['--import', tsxLoader, cliEntry, ...args], options, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
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
