import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Sandbox } from './sandbox';
import { repositoryRoot } from './vscodeWeb';

/** A running code-server: its base URL, its output so far, and how to stop it with all its children. */
export interface CodeServer {
  url: string;
  log(): string;
  stop(): Promise<void>;
}

/** Installs .vsix files into the sandbox's extensions dir (about a second each). */
export function installVsix(codeServer: string, sandbox: Sandbox, ...vsixFiles: string[]): void {
  const installs = vsixFiles.flatMap((vsix) => ['--install-extension', vsix]);
  execFileSync(codeServer, ['--user-data-dir', sandbox.userData, '--extensions-dir', sandbox.extensions, '--config', sandbox.config, ...installs], {
    stdio: 'pipe',
  });
}

/**
 * Packages an unpacked extension folder into a .vsix with the repository's vsce. Installing is the dependable
 * way in: code-server drops extension folders it finds in the extensions dir that its profile does not list.
 */
export function packageVsix(folder: string, vsix: string): string {
  const vsce = join(repositoryRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', vsix], { cwd: folder, stdio: 'pipe' });
  return vsix;
}

/** Starts code-server on a free port of 127.0.0.1, serving the sandbox's workspace without authentication. */
export function startCodeServer(codeServer: string, sandbox: Sandbox, { timeoutMs = 60_000, env = {} } = {}): Promise<CodeServer> {
  const args = [
    '--bind-addr',
    '127.0.0.1:0',
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--config',
    sandbox.config,
    '--user-data-dir',
    sandbox.userData,
    '--extensions-dir',
    sandbox.extensions,
    sandbox.workspace,
  ];
  // Its own process group, so stopping it also stops the extension host, file watcher and pty host it forks.
  const child = spawn(codeServer, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      void stopGroup(child);
      reject(new Error(`code-server did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onOutput = (chunk: Buffer): void => {
      output += chunk.toString();
      const listening = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (listening?.[1]) {
        clearTimeout(timer);
        resolvePromise({ url: listening[1], log: () => output, stop: () => stopGroup(child) });
      }
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${code}:\n${output}`));
    });
  });
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return; // the group is already gone
  }
  await Promise.race([exited, new Promise((done) => setTimeout(done, 5000))]);
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // exited after SIGTERM, as it should
  }
}

/**
 * The extension host's log of this sandbox and the extension's own "Forge Releases" output channel (the places
 * to look when an extension misbehaves).
 */
export function extensionHostLog(sandbox: Sandbox): string {
  const logsRoot = join(sandbox.userData, 'logs');
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/exthost\.log$|Forge Releases\.log$/i.test(entry)) found.push(path);
    }
  };
  try {
    walk(logsRoot);
  } catch {
    return '';
  }
  // The extension's own log last: failure reports show the tail.
  const ordered = [...found.filter((file) => /exthost\.log$/i.test(file)), ...found.filter((file) => !/exthost\.log$/i.test(file))];
  return ordered.map((file) => `--- ${file}\n${readFileSync(file, 'utf8')}`).join('\n');
}
