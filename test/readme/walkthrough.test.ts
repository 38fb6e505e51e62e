import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { until } from '../cli/runCli';
import { firstCommand, walkthroughSteps, type WalkthroughStep } from './readmeWalkthrough';

// The README as a newcomer uses it: a fresh clone of the committed HEAD, its first command, then every block
// marked <!-- walkthrough --> pasted in order into one shell at the clone's root. The only substitutions are a
// reader's own: the token `npm start` printed, and a free port instead of 3500 (other services may hold it).
// The clone reuses this checkout's node_modules through a symlink instead of running `npm install`: the same
// packages, installed by the same lock file, without 20 s of install and its CPU on every run.
const checkout = resolve(import.meta.dirname, '../..');
const readPaste = 10_000;

describe('README walkthrough, from a fresh clone', function () {
  this.timeout(240_000);
  let clone: string;
  let service: ChildProcess | undefined;
  let shell: ShellSession | undefined;
  let port: number;
  let token: string;
  let readme: string;

  before(async () => {
    clone = mkdtempSync(join(tmpdir(), 'forge-readme-'));
    const cloned = spawnSync('git', ['clone', '--quiet', checkout, clone], { encoding: 'utf8' });
    assert.equal(cloned.status, 0, `git clone ${checkout}: ${cloned.stderr}`);
    symlinkSync(join(checkout, 'node_modules'), join(clone, 'node_modules'));
    readme = readFileSync(join(clone, 'README.md'), 'utf8');
    port = await freePort();
  });

  after(async () => {
    shell?.close();
    if (service?.pid !== undefined && service.exitCode === null) {
      // npm start's process group: npm, the build's shell and the service.
      process.kill(-service.pid, 'SIGTERM');
      await new Promise((done) => service!.once('exit', done));
    }
    rmSync(clone, { recursive: true, force: true });
  });

  it('the first command sets up and starts the service on the embedded default, printing the first admin token', async () => {
    const first = firstCommand(readme);
    assert.equal(first.command, 'npm install && npm start', `README.md:${first.line}: the first command changed; update this test's set-up`);
    // `npm install` is the symlinked node_modules (see above); `npm start` runs as written.
    service = spawn('npm', ['start'], { cwd: clone, env: { ...process.env, FORGE_PORT: String(port) }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    service.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    service.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    token = await until(async () => {
      if (service!.exitCode !== null) throw new Error(`README.md:${first.line}: npm start exited ${service!.exitCode}\n${output}`);
      const printed = /^\s+(forge_[A-Za-z0-9_-]{16,})\s*$/m.exec(output)?.[1];
      const healthy = printed
        ? await fetch(`http://localhost:${port}/healthz`).then(
            (r) => r.ok,
            () => false,
          )
        : false;
      return healthy ? printed : undefined;
    }, 120_000).catch((error: unknown) => {
      throw new Error(`README.md:${first.line}: npm start printed no token or never became healthy on port ${port}: ${String(error)}\n${output}`);
    });
    assert.match(output, /Created the first admin/);
  });

  it('every walkthrough command works as written, in order, from the root of the clone', async () => {
    assert.ok(token, 'the service started (previous test)');
    const steps = walkthroughSteps(readme);
    assert.ok(steps.length >= 10, `the README marks its walkthrough blocks (found ${steps.length} commands)`);
    shell = new ShellSession(clone);
    for (const step of steps) {
      const command = step.command.replace(/forge_…/g, token).replace(/localhost:3500\b/g, `localhost:${port}`);
      await runStep(shell, step, command);
    }
  });
});

/** Runs one README command; a read whose output differs is pasted again for a while, as a reader would re-run it. */
async function runStep(shell: ShellSession, step: WalkthroughStep, command: string): Promise<void> {
  const where = `README.md:${step.line}: \`${step.command.split('\n')[0]}\``;
  const rerunnable = !/-X (POST|PUT|PATCH|DELETE)|--data|\s-d\s|sed -i|git checkout/.test(command);
  const deadline = Date.now() + readPaste;
  for (;;) {
    const run = await shell.run(command);
    const problem = mismatch(step, run);
    if (!problem) return;
    if (!rerunnable || Date.now() > deadline) assert.fail(`${where} ${problem}\n--- stdout\n${run.stdout}--- stderr\n${run.stderr}`);
    await new Promise((resume) => setTimeout(resume, 500));
  }
}

function mismatch(step: WalkthroughStep, run: ShellRun): string | undefined {
  if (step.fails && run.code === 0) return 'succeeded, but the README shows it failing';
  if (!step.fails && run.code !== 0) return `exited ${run.code}`;
  if (step.expected.length === 0) return undefined;
  const shown = `${run.stdout}${run.stderr}`.replace(/\n+$/, '').split('\n');
  const expected = step.expected.join('\n');
  return shown.join('\n') === expected ? undefined : `printed something else than the README shows:\n--- README\n${expected}\n`;
}

interface ShellRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** One bash process, so that `cd`, `export` and variables carry from one pasted command to the next. */
class ShellSession {
  private readonly bash: ChildProcess;
  private readonly outDir = mkdtempSync(join(tmpdir(), 'forge-readme-shell-'));
  private readonly exits: ((code: number) => void)[] = [];
  private count = 0;

  constructor(cwd: string) {
    this.bash = spawn('bash', ['--noprofile', '--norc'], { cwd, stdio: ['pipe', 'pipe', 'inherit'] });
    createInterface({ input: this.bash.stdout! }).on('line', (line) => {
      const done = /^__walkthrough_exit (\d+)$/.exec(line);
      if (done) this.exits.shift()?.(Number(done[1]));
    });
  }

  async run(command: string): Promise<ShellRun> {
    const out = join(this.outDir, `${++this.count}.out`);
    const err = join(this.outDir, `${this.count}.err`);
    const code = await new Promise<number>((done) => {
      this.exits.push(done);
      this.bash.stdin!.write(`{ ${command}\n} >'${out}' 2>'${err}' </dev/null; echo "__walkthrough_exit $?"\n`);
    });
    return { code, stdout: readFileSync(out, 'utf8'), stderr: readFileSync(err, 'utf8') };
  }

  close(): void {
    this.bash.stdin!.end();
    this.bash.kill();
    rmSync(this.outDir, { recursive: true, force: true });
  }
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}
