import type { Command } from 'commander';
import type { Environment } from '../../core/api/environment';
import { examplesHelp } from '../output/helpExamples';
import { printJson } from '../output/printJson';
import { formatTable } from '../output/table';
import { connect, withConnectionOptions, type ConnectionOptions } from '../service/serviceConnection';

interface JsonOptions extends ConnectionOptions {
  json?: boolean;
}

interface SetOptions extends JsonOptions {
  secret?: boolean;
}

/** `forge-release env list|show <name>|set <name> <key> <value> [--secret]`. */
export function registerEnvCommand(program: Command): void {
  const env = program.command('env').description('environments: their state, configuration and variables');

  withConnectionOptions(
    env
      .command('list')
      .description('list the environments in chain order with their active version and last release')
      .option('--json', 'print the environments as JSON'),
  ).addHelpText('after', examplesHelp(['env list', 'env list --json']))
    .action(async (options: JsonOptions) => {
    const environments = await connect(options).listEnvironments();
    if (options.json) return printJson(environments);
    process.stdout.write(formatTable(
      ['NAME', 'TIER', 'ACTIVE', 'LAST RELEASE', 'PENDING APPROVALS', 'DEPLOY ROLE'],
      environments.map((e) => [e.name, e.tier, e.activeVersion ?? '—', lastRelease(e), String(e.pendingApprovals), e.deployRole]),
      'no environments',
    ));
  });

  withConnectionOptions(
    env
      .command('show')
      .description('one environment: configuration, gates, approval policy, freeze windows and variables (secrets masked)')
      .argument('<name>', 'the environment')
      .option('--json', 'print the environment (with a variables field) as JSON'),
  ).addHelpText('after', examplesHelp(['env show production', 'env show staging --json']))
    .action(async (name: string, options: JsonOptions) => {
    const client = connect(options);
    const [environment, variables] = await Promise.all([client.getEnvironment(name), client.listVariables(name)]);
    if (options.json) return printJson({ ...environment, variables });
    const policy = environment.approvalPolicy;
    const lines = [
      `${environment.name} (${environment.tier}, order ${environment.order})`,
      `  purpose:       ${environment.purpose || '—'}`,
      `  stability:     ${environment.stability || '—'}`,
      `  data:          ${environment.dataClass || '—'}`,
      `  active:        ${environment.activeVersion ?? '—'}`,
      `  last release:  ${lastRelease(environment)}`,
      `  deploy role:   ${environment.deployRole}`,
      `  gates:         ${Object.entries(environment.gates).map(([gate, on]) => (Array.isArray(on) ? `${gate} (${on.join(', ')})` : on ? gate : null)).filter(Boolean).join(', ') || '—'}`,
      `  approvals:     ${policy ? `${policy.required} of ${policy.reviewers.join(', ')}, expire after ${policy.timeoutMinutes} min` : 'not required'}`,
      `  freezes:       ${environment.freezeWindows.map((w) => w.reason).join('; ') || '—'}`,
      `  gateways:      ${environment.gateways.join(', ') || '—'}`,
      `  variables:     ${variables.length === 0 ? '—' : ''}`,
      ...variables.map((v) => `    ${v.key}=${v.value}${v.secret ? ' (secret)' : ''}`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  });

  withConnectionOptions(
    env
      .command('set')
      .description('set a variable of an environment (admins); a secret is encrypted at rest and never shown again')
      .argument('<name>', 'the environment')
      .argument('<key>', 'the variable, e.g. OPENAI_API_KEY')
      .argument('<value>', 'its value ("-" reads it from stdin, so a secret stays out of the shell history)')
      .option('--secret', 'store it as a secret')
      .option('--json', 'print the stored variable (masked when secret) as JSON'),
  )
    .addHelpText('after', examplesHelp([
      'env set staging CLAIMS_API_URL https://claims.staging.example.com',
      'env set production OPENAI_API_KEY - --secret < key.txt',
    ]))
    .action(async (name: string, key: string, value: string, options: SetOptions) => {
      const text = value === '-' ? await readStdin() : value;
      const stored = await connect(options).setVariable(name, key, { value: text, secret: options.secret ?? false });
      if (options.json) return printJson(stored);
      process.stdout.write(`set ${name} ${stored.key}=${stored.value}${stored.secret ? ' (secret)' : ''}\n`);
    });
}

function lastRelease(environment: Environment): string {
  const release = environment.lastRelease;
  return release ? `${release.kind} ${release.version} ${release.status}` : '—';
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}
