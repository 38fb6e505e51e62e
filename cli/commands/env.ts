import type { Environment } from '../../core/api/environment';
import { releaseOutcome } from '../../core/api/releaseOutcome';
import type { MaskedVariable } from '../../core/api/variable';
import type { ForgeCommand } from '../commandLine/forgeCommand';
import { examplesHelp } from '../output/helpExamples';
import { formatTable } from '../output/table';
import { connect, withConnectionOptions, type ConnectionOptions } from '../service/serviceConnection';

interface SetOptions extends ConnectionOptions {
  secret?: boolean;
}

/** `forge-release env list|show <name>|set <name> <key> <value> [--secret]`. */
export function registerEnvCommand(program: ForgeCommand): void {
  const env = program.command('env').description('environments: their state, configuration and variables');

  withConnectionOptions(
    env
      .command('list')
      .description('list the environments in chain order with their active version and last release'),
  ).addHelpText('after', examplesHelp(['env list', 'env list --json']))
    .prints('the environments', async (options: ConnectionOptions) => {
      const environments = await connect(options).listEnvironments();
      return {
        data: environments,
        text: () => formatTable(
          ['NAME', 'TIER', 'ACTIVE', 'LAST RELEASE', 'PENDING APPROVALS', 'DEPLOY ROLE'],
          environments.map((e) => [e.name, e.tier, e.activeVersion ?? '—', lastRelease(e), String(e.pendingApprovals), e.deployRole]),
          'no environments',
        ),
      };
    });

  withConnectionOptions(
    env
      .command('show')
      .description('one environment: configuration, gates, approval policy, freeze windows and variables (secrets masked)')
      .argument('<name>', 'the environment'),
  ).addHelpText('after', examplesHelp(['env show production', 'env show staging --json']))
    .prints('the environment (with a variables field)', async (name: string, options: ConnectionOptions) => {
      const client = connect(options);
      const [environment, variables] = await Promise.all([client.getEnvironment(name), client.listVariables(name)]);
      return { data: { ...environment, variables }, text: () => environmentText(environment, variables) };
    });

  withConnectionOptions(
    env
      .command('set')
      .description('set a variable of an environment (admins); a secret is encrypted at rest and never shown again')
      .argument('<name>', 'the environment')
      .argument('<key>', 'the variable, e.g. OPENAI_API_KEY')
      .argument('<value>', 'its value ("-" reads it from stdin, so a secret stays out of the shell history)')
      .option('--secret', 'store it as a secret'),
  )
    .addHelpText('after', examplesHelp([
      'env set staging CLAIMS_API_URL https://claims.staging.example.com',
      'env set production OPENAI_API_KEY - --secret < key.txt',
    ]))
    .prints('the stored variable (masked when secret)', async (name: string, key: string, value: string, options: SetOptions) => {
      const text = value === '-' ? await readStdin() : value;
      const stored = await connect(options).setVariable(name, key, { value: text, secret: options.secret ?? false });
      return { data: stored, text: () => `set ${name} ${stored.key}=${stored.value}${stored.secret ? ' (secret)' : ''}\n` };
    });
}

function environmentText(environment: Environment, variables: readonly MaskedVariable[]): string {
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
  return `${lines.join('\n')}\n`;
}

function lastRelease(environment: Environment): string {
  const release = environment.lastRelease;
  return release ? `${release.kind} ${release.version} ${releaseOutcome(release)}` : '—';
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}
