import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot, runCli } from './runCli';

describe('forge-release', () => {
  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'));
    const run = await runCli(['--version']);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, `${version}\n`);
  });

  it('--help lists the commands', async () => {
    const run = await runCli(['--help']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^Usage: forge-release /);
    assert.match(run.stdout, /^ {2}validate \[options\] \[paths\.\.\.\]/m);
    assert.match(run.stdout, /^ {2}diff \[options\] <previous> <next>/m);
  });

  it('an unknown command exits 2', async () => {
    const run = await runCli(['publish-everything']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^error: unknown command 'publish-everything'/);
  });
});
