import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { projectRoot, runCli, shown, until } from './runCli';

const listeningLine = /^listening on (http:\/\/localhost:(\d+))$/;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('start-up: npm start, a busy port, the listening line', function () {
  this.timeout(120_000);
  const folders: string[] = [];
  const dataDir = () => {
    const folder = mkdtempSync(join(tmpdir(), 'forge-start-'));
    folders.push(folder);
    return folder;
  };
  after(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it('npm start ends with the service when its own PID is signalled, after printing where it listens beside the JSON log', async () => {
    const npm = spawn('npm', ['start'], {
      cwd: projectRoot,
      env: { ...process.env, FORGE_PORT: '0', FORGE_DATA_DIR: dataDir(), FORGE_LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => npm.once('exit', (code, signal) => done({ code, signal })));
    const lines: string[] = [];
    npm.stderr.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    const url = await new Promise<string>((ready, fail) => {
      const timer = setTimeout(() => fail(new Error(`npm start did not say where it listens:\n${lines.join('\n')}`)), 90_000);
      void exited.then(() => fail(new Error(`npm start exited early:\n${lines.join('\n')}`)));
      createInterface({ input: npm.stdout }).on('line', (line) => {
        lines.push(line);
        const human = listeningLine.exec(line);
        if (human?.[1]) {
          clearTimeout(timer);
          ready(human[1]);
        }
      });
    });
    // npm's child: the shell of the script, replaced by the service itself.
    const children = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(npm.pid)], { encoding: 'utf8' })
      .trim()
      .split('\n');
    assert.equal(children.length, 1, children.join('\n'));
    assert.match(children[0]!, /node dist\/cli\.js serve/, 'the shell of the script execs the service instead of waiting for it');
    const servicePid = Number(children[0]!.trim().split(/\s+/)[0]);
    const health = await fetch(`${url}/healthz`);
    assert.equal(health.status, 200);
    assert.equal(lines.filter((line) => listeningLine.test(line)).length, 1, lines.join('\n'));
    assert.ok(
      lines.some((line) => line.startsWith('{') && (JSON.parse(line) as { msg?: string }).msg === 'listening'),
      'beside the JSON log line',
    );

    npm.kill('SIGTERM');
    const exit = await exited;
    assert.ok(exit.code === 0 || exit.signal === 'SIGTERM', `npm start ended with ${JSON.stringify(exit)}`);
    await until(async () => (processAlive(servicePid) ? undefined : true), 15_000);
    await assert.rejects(fetch(`${url}/healthz`), 'nothing answers on the port any more');
  });

  describe('serve on a port that is taken', () => {
    let blocker: Server;
    let port: number;
    before(async () => {
      blocker = createServer();
      await new Promise<void>((done) => blocker.listen(0, done));
      port = (blocker.address() as { port: number }).port;
    });
    after(() => new Promise<void>((done) => blocker.close(() => done())));

    it('exits 2 at once with one line naming the port, before creating the first admin or any database file', async () => {
      const folder = dataDir();
      const began = Date.now();
      const run = await runCli(['serve', '--port', String(port), '--data-dir', folder], projectRoot, { FORGE_BOOTSTRAP_TOKEN: '' });
      assert.equal(run.code, 2, shown(run));
      assert.equal(
        run.stderr,
        `forge-release: port ${port} is already in use (:${port}): stop what listens there, or choose another port with --port or FORGE_PORT\n`,
        shown(run),
      );
      assert.doesNotMatch(run.stdout, /first admin|listening/, shown(run));
      assert.ok(Date.now() - began < 10_000, `took ${Date.now() - began} ms`);
      assert.deepEqual(existsSync(folder) ? readdirSync(folder) : [], [], 'nothing written to the data dir: no database, no key');
    });
  });
});
