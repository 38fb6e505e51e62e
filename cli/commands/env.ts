import { Option } from 'commander';
import type { Environment } from '../../core/api/environment';
import { requirementBoundsText } from '../../core/gates/evaluationGate';
import { reconcileModes, type ReconcileMode } from '../../core/api/gateway';
import type { EnvironmentSync } from '../../core/api/gatewaySync';
import { releaseOutcome } from '../../core/api/releaseOutcome';
import type { MaskedVariable } from '../../core/api/variable';
import type { ForgeCommand } from '../commandLine/forgeCommand';
import { gatewayText, parseGatewayArgument, syncLines } from '../environments/gatewayText';
import { OperationFailedError, UsageError } from '../errors';
import { examplesHelp } from '../output/helpExamples';
import type { Printed } from '../output/printed';
import { formatTable } from '../output/table';
import { connect, withConnectionOptions, type ConnectionOptions } from '../service/serviceConnection';

interface SetOptions extends ConnectionOptions {
  secret?: boolean;
}

interface GatewayOptions extends ConnectionOptions {
  tokenVariable?: string;
  secretVariable?: string;
  reconcile?: ReconcileMode;
  none?: boolean;
}

/**
 * `forge-release env list|show <name>|set <name> <key> <value> [--secret]|set-gateways <name> <gateway…>|status
 * <name>|reconcile <name>`.
 */
export function registerEnvCommand(program: ForgeCommand): void {
  const env = program.command('env').description('environments: their state, configuration and variables');

  withConnectionOptions(env.command('list').description('list the environments in chain order with their active version and last release'))
    .addHelpText('after', examplesHelp(['env list', 'env list --json']))
    .prints('the environments', async (options: ConnectionOptions) => {
      const environments = await connect(options).listEnvironments();
      return {
        data: environments,
        text: () =>
          formatTable(
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
  )
    .addHelpText('after', examplesHelp(['env show production', 'env show staging --json']))
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
    .addHelpText('after', examplesHelp(['env set staging CLAIMS_API_URL https://claims.staging.example.com', 'env set production OPENAI_API_KEY - --secret < key.txt']))
    .prints('the stored variable (masked when secret)', async (name: string, key: string, value: string, options: SetOptions) => {
      const text = value === '-' ? await readStdin() : value;
      const stored = await connect(options).setVariable(name, key, { value: text, secret: options.secret ?? false });
      return { data: stored, text: () => `set ${name} ${stored.key}=${stored.value}${stored.secret ? ' (secret)' : ''}\n` };
    });

  withConnectionOptions(
    env
      .command('set-gateways')
      .description('set the gateways an environment publishes to (admins): Marie-AI planner registries and webhooks')
      .argument('<name>', 'the environment')
      .argument('[gateways...]', 'marie:<url> for a Marie-AI gateway, webhook:<url> or a bare URL for a webhook')
      .option('--token-variable <name>', 'the variable whose value Marie gateways get as their bearer token')
      .option('--secret-variable <name>', 'the variable whose value signs the activations sent to webhooks')
      .addOption(new Option('--reconcile <mode>', 'heal drift by itself (auto) or only report it (report)').choices(reconcileModes))
      .option('--none', 'remove every gateway'),
  )
    .addHelpText(
      'after',
      examplesHelp([
        'env set-gateways production marie:http://marie-1.internal:51000 marie:http://marie-2.internal:51000 --token-variable MARIE_API_KEY',
        'env set-gateways staging https://hooks.example.com/forge --secret-variable HOOK_SECRET --reconcile report',
        'env set-gateways development --none',
      ]),
    )
    .prints('the environment', async (name: string, gateways: string[], options: GatewayOptions) => {
      if (options.none && gateways.length > 0) throw new UsageError('--none removes every gateway: name no gateway with it');
      if (!options.none && gateways.length === 0 && options.reconcile === undefined) {
        throw new UsageError('name at least one gateway (marie:<url>, webhook:<url> or a URL), or --none to remove them all');
      }
      const update = {
        ...(options.none || gateways.length > 0 ? { gateways: gateways.map((gateway) => parseGatewayArgument(gateway, options)) } : {}),
        ...(options.reconcile ? { reconcile: options.reconcile } : {}),
      };
      const environment = await connect(options).updateEnvironment(name, update);
      const list = environment.gateways.map((gateway) => `  ${gatewayText(gateway)}\n`).join('') || '  (no gateways)\n';
      return { data: environment, text: () => `${environment.name} publishes to (reconcile ${environment.reconcile}):\n${list}` };
    });

  withConnectionOptions(
    env
      .command('status')
      .description('whether every gateway of an environment serves its active version, as last checked (exit 1 when not)')
      .argument('<name>', 'the environment'),
  )
    .addHelpText(
      'after',
      examplesHelp(
        ['env status production', 'env status staging --json'],
        `Exit codes: 0 every gateway in sync; 1 drifted, unreachable or not checked yet; 3 the service cannot be reached.`,
      ),
    )
    .prints('the sync state', async (name: string, options: ConnectionOptions) => {
      const environment = await connect(options).getEnvironment(name);
      return syncReport(environment.name, environment.sync);
    });

  withConnectionOptions(
    env
      .command('reconcile')
      .description('re-publish the active version on every gateway of an environment that drifted, and show the result')
      .argument('<name>', 'the environment'),
  )
    .addHelpText(
      'after',
      examplesHelp(
        ['env reconcile production', 'env reconcile staging --json'],
        `Exit codes: 0 every gateway in sync afterwards; 1 some are still drifted or unreachable (or a release is running); 3 the service cannot be reached.`,
      ),
    )
    .prints('the sync state after it', async (name: string, options: ConnectionOptions) => syncReport(name, await connect(options).reconcile(name)));
}

/** A sync state to print; anything but in-sync ends the command with exit 1. */
function syncReport(name: string, sync: EnvironmentSync): Printed {
  const troubled = sync.gateways.filter((gateway) => gateway.state !== 'in-sync').map((gateway) => `${gateway.url} ${gateway.state}`);
  return {
    data: sync,
    text: () => syncLines(name, sync),
    failure:
      sync.state === 'in-sync' ? undefined : new OperationFailedError(`${name} is ${sync.state === 'unknown' ? 'not checked yet' : sync.state}: ${troubled.join(', ')}`),
  };
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
    `  gates:         ${gatesText(environment.gates)}`,
    `  approvals:     ${policy ? `${policy.required} of ${policy.reviewers.join(', ')}, expire after ${policy.timeoutMinutes} min, on a gate change: ${policy.onGateChange}` : 'not required'}`,
    `  freezes:       ${environment.freezeWindows.map((w) => w.reason).join('; ') || '—'}`,
    `  gateways:      ${environment.gateways.map(gatewayText).join(', ') || '—'}`,
    `  sync:          ${environment.sync.state}${environment.gateways.length > 0 ? ` (reconcile ${environment.reconcile}; forge-release env status ${environment.name})` : ''}`,
    `  variables:     ${variables.length === 0 ? '—' : ''}`,
    ...variables.map((v) => `    ${v.key}=${v.value}${v.secret ? ' (secret)' : ''}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** `validation, required-checks (smoke-tests), evaluation (claims-routing: accuracy ≥ 0.9, drop ≤ 0.02), approvals`. */
function gatesText(gates: Environment['gates']): string {
  const enabled = Object.entries(gates).map(([gate, on]) => {
    if (gate === 'evaluation' && gates.evaluation) {
      const suites = gates.evaluation.map((suite) => `${suite.suite}${suite.environment ? ` (results from ${suite.environment})` : ''}: ${requirementBoundsText(suite)}`);
      return suites.length > 0 ? `${gate} (${suites.join(' | ')})` : null;
    }
    return Array.isArray(on) ? `${gate} (${on.map(String).join(', ')})` : on ? gate : null;
  });
  return enabled.filter(Boolean).join(', ') || '—';
}

function lastRelease(environment: Environment): string {
  const release = environment.lastRelease;
  return release ? `${release.kind} ${release.version} ${releaseOutcome(release)}` : '—';
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
