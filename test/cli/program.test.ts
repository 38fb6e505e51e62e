import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { createProgram } from '../../cli/program';
import { builtCli, projectRoot, runCli } from './runCli';

/**
 * Every command that does something itself, with its full name: not a bare group like `version` or `env`, but
 * `audit` (which has options of its own) and its subcommands alike.
 */
function leafCommands(command: Command, prefix: string[] = []): { name: string; command: Command }[] {
  return command.commands.flatMap((sub) => {
    const path = [...prefix, sub.name()];
    const runsItself = sub.commands.length === 0 || sub.options.length > 0 || sub.registeredArguments.length > 0;
    return [...(runsItself ? [{ name: path.join(' '), command: sub }] : []), ...leafCommands(sub, path)];
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
  'version create',
  'version list',
  'sync',
  'changeset create',
  'changeset list',
  'deploy',
  'promote',
  'rollback',
  'release show',
  'release wait',
  'approve',
  'reject',
  'approvals list',
  'check report',
  'eval report',
  'eval list',
  'audit',
  'audit verify',
  'audit export',
  'audit checkpoint',
  'audit checkpoints',
  'audit public-key',
  'report',
  'env list',
  'env show',
  'env set',
  'env set-gateways',
  'env status',
  'env reconcile',
  'user create',
  'user list',
  'user disable',
  'user enable',
  'user token',
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
    for (const command of [
      'serve',
      'db',
      'admin',
      'version',
      'sync',
      'changeset',
      'deploy',
      'promote',
      'rollback',
      'release',
      'approve',
      'reject',
      'approvals',
      'check',
      'eval',
      'audit',
      'report',
      'env',
      'user',
    ]) {
      assert.match(run.stdout, new RegExp(`^ {2}${command}\\b`, 'm'), command);
    }
    assert.match(run.stdout, /FORGE_URL, default http:\/\/localhost:3500/);
    assert.match(run.stdout, /FORGE_TOKEN/);
    assert.match(run.stdout, /2 usage or a bad\s+value \(also one the service refuses as malformed\)/);
    assert.match(run.stdout, /3 the service\s+cannot be reached/);
  });

  it("each command's help describes it and lists every argument and option, with examples", () => {
    const leaves = leafCommands(createProgram());
    assert.deepEqual(leaves.map((leaf) => leaf.name).sort(), [...serviceCommands, 'admin token', 'db copy', 'diff', 'serve', 'validate', 'report verify'].sort());
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
      assert.ok(
        examples.some((example) => example.startsWith(`  $ forge-release ${name} `) || example === `  $ forge-release ${name}`),
        `${name}: an example runs it`,
      );
      if (serviceCommands.includes(name)) {
        assert.match(help, /--token <token>.*\n?.*\(env: FORGE_TOKEN\)/, `${name} takes --token`);
        assert.match(help, /env:\s+FORGE_URL\)/, `${name} takes the service URL`);
      }
    }
  });

  it("a subcommand's --help in a real process shows its options and exits 0", async () => {
    const deploy = await runCli(['deploy', '--help']);
    assert.equal(deploy.code, 0);
    for (const flag of ['<version>', '--env <name>', '--wait', '--dry-run', '--json', '--url <url>', '--token <token>']) assert.ok(deploy.stdout.includes(flag), flag);
    const create = await runCli(['version', 'create', '--help']);
    assert.equal(create.code, 0);
    assert.match(create.stdout, /--bump <bump> +which part to increase.*\n.*\n? *(.*)"auto", "major", "minor", "patch"/);
    for (const flag of ['--message <text>', '--push', '--remote <name>']) assert.ok(create.stdout.includes(flag), flag);
  });

  it('every command that prints data takes --json; only serve and audit export, which print none, do not', () => {
    // audit export streams the log into its --out file and prints nothing but where it wrote it, on stderr.
    const printingNothing = new Set(['serve', 'audit export']);
    for (const { name, command } of leafCommands(createProgram())) {
      const json = command.options.find((option) => option.long === '--json');
      if (printingNothing.has(name)) assert.equal(json, undefined, `${name} prints no data`);
      else assert.match(json?.description ?? '', /^print .+ as JSON$/, `${name} takes --json`);
    }
  });

  describe("commander's own errors: one line with the forge-release: prefix, exit 2", () => {
    const cases: Array<[string, string[], string]> = [
      ['an unknown command', ['publish-everything'], "forge-release: unknown command 'publish-everything'\n"],
      ['an unknown subcommand, with its suggestion', ['env', 'lst'], "forge-release: unknown command 'lst' (did you mean list?)\n"],
      ['an unknown option, with its suggestion', ['env', 'list', '--jsn'], "forge-release: unknown option '--jsn' (did you mean --json?)\n"],
      ['a missing argument', ['release', 'show'], "forge-release: missing required argument 'id'\n"],
      ['a missing required option', ['promote'], "forge-release: required option '--env <name>' not specified\n"],
      [
        'a value that is not one of the choices',
        ['check', 'report', 'v1.0.0', 'smoke-tests', 'passed'],
        "forge-release: command-argument value 'passed' is invalid for argument 'status'. Allowed choices are success, failure.\n",
      ],
      ['a bad count', ['user', 'list', '--limit', 'lots'], "forge-release: option '--limit <n>' argument 'lots' is invalid. expected a whole number of at least 1.\n"],
      ['too many arguments', ['release', 'show', 'a', 'b'], "forge-release: too many arguments for 'show'. Expected 1 argument but got 2.\n"],
    ];
    for (const [what, args, stderr] of cases) {
      it(what, async () => {
        const run = await runCli(args);
        assert.equal(run.code, 2, run.stderr);
        assert.equal(run.stderr, stderr);
        assert.equal(run.stdout, '');
      });
    }
  });

  it('an output that cannot be written is one line and exit 1, not a stack trace', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const run = spawnSync(process.execPath, [builtCli(), 'validate', 'examples/claims-repo'], {
        cwd: projectRoot,
        stdio: ['ignore', full, 'pipe'],
        encoding: 'utf8',
        timeout: 50_000,
      });
      assert.equal(run.status, 1, run.stderr);
      assert.equal(run.stderr, 'forge-release: cannot write the output: ENOSPC\n');
    } finally {
      closeSync(full);
    }
  });
});
