import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { createProgram } from '../../cli/program';
import { cliEntry, projectRoot, runCli, tsxLoader } from './runCli';

/** Every command that does something itself (not a group like `version` or `env`), with its full name. */
function leafCommands(command: Command, prefix: string[] = []): { name: string; command: Command }[] {
  return command.commands.flatMap((sub) => {
    const path = [...prefix, sub.name()];
    return sub.commands.length > 0 ? leafCommands(sub, path) : [{ name: path.join(' '), command: sub }];
  });
}

/** The help exactly as `forge-release <command> --help` prints it, texts added after the options included. */
function helpOf(command: Command): string {
  let text = '';
  command.configureOutput({ writeOut: (chunk) => (text += chunk) });
  command.outputHelp();
  return text;
}

const serviceCommands = [
  'version create', 'version list', 'sync', 'changeset create', 'changeset list', 'deploy', 'promote', 'rollback', 'approve', 'reject',
  'approvals list', 'check report', 'eval report', 'eval list', 'audit', 'report', 'env list', 'env show', 'env set', 'user create', 'user token',
];

describe('forge-release', () => {
  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'));
    const run = await runCli(['--version']);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, `${version}\n`);
  });

  it('--help lists every command, the connection variables and the exit codes', async () => {
    const run = await runCli(['--help']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^Usage: forge-release /);
    assert.match(run.stdout, /^ {2}validate \[options\] \[paths\.\.\.\]/m);
    assert.match(run.stdout, /^ {2}diff \[options\] <previous> <next>/m);
    for (const command of ['serve', 'db', 'version', 'sync', 'changeset', 'deploy', 'promote', 'rollback', 'approve', 'reject', 'approvals', 'check', 'eval', 'audit', 'report', 'env', 'user']) {
      assert.match(run.stdout, new RegExp(`^ {2}${command}\\b`, 'm'), command);
    }
    assert.match(run.stdout, /FORGE_URL, default http:\/\/localhost:3500/);
    assert.match(run.stdout, /FORGE_TOKEN/);
    assert.match(run.stdout, /3 the service\s+cannot be reached/);
  });

  it('each command\'s help describes it and lists every argument and option, with examples', () => {
    const leaves = leafCommands(createProgram());
    assert.deepEqual(leaves.map((leaf) => leaf.name).sort(), [...serviceCommands, 'db copy', 'diff', 'serve', 'validate'].sort());
    for (const { name, command } of leaves) {
      const help = helpOf(command);
      assert.match(help, new RegExp(`^Usage: forge-release ${name} `), name);
      assert.ok(command.description().length > 20, `${name} has a description`);
      assert.ok(help.includes(command.description().slice(0, 30)), `${name} help shows its description`);
      for (const argument of command.registeredArguments) {
        assert.ok(help.includes(argument.name()), `${name} help names argument ${argument.name()}`);
      }
      for (const option of command.options) {
        assert.ok(help.includes(option.flags), `${name} help lists ${option.flags}`);
        assert.ok(option.description.length > 3 && help.includes(option.description.slice(0, 20)), `${name} help describes ${option.flags}`);
      }
      assert.match(help, /\nExamples:\n {2}\$ forge-release /, `${name} help has examples`);
      const examples = help.split('Examples:\n')[1]!.split('\n').filter(Boolean);
      assert.ok(examples.some((example) => example.startsWith(`  $ forge-release ${name} `) || example === `  $ forge-release ${name}`), `${name}: an example runs it`);
      if (serviceCommands.includes(name)) {
        assert.match(help, /--token <token>.*\n?.*\(env: FORGE_TOKEN\)/, `${name} takes --token`);
        assert.match(help, /env:\s+FORGE_URL\)/, `${name} takes the service URL`);
      }
    }
  });

  it('a subcommand\'s --help in a real process shows its options and exits 0', async () => {
    const deploy = await runCli(['deploy', '--help']);
    assert.equal(deploy.code, 0);
    for (const flag of ['<version>', '--env <name>', '--wait', '--dry-run', '--json', '--url <url>', '--token <token>']) assert.ok(deploy.stdout.includes(flag), flag);
    const create = await runCli(['version', 'create', '--help']);
    assert.equal(create.code, 0);
    assert.match(create.stdout, /--bump <bump> +which part to increase.*\n.*\n? *(.*)"auto", "major", "minor", "patch"/);
    for (const flag of ['--message <text>', '--push', '--remote <name>']) assert.ok(create.stdout.includes(flag), flag);
  });

  it('an unknown command exits 2', async () => {
    const run = await runCli(['publish-everything']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^error: unknown command 'publish-everything'/);
  });

  it('an output that cannot be written is one line and exit 1, not a stack trace', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const run = spawnSync(process.execPath, ['--import', tsxLoader, cliEntry, 'validate', 'examples/claims-repo'], {
        cwd: projectRoot, stdio: ['ignore', full, 'pipe'], encoding: 'utf8', timeout: 50_000,
      });
      assert.equal(run.status, 1, run.stderr);
      assert.equal(run.stderr, 'forge-release: cannot write the output: ENOSPC\n');
    } finally {
      closeSync(full);
    }
  });
});
