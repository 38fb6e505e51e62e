import { typedGateway, type GatewayEntry } from '../../core/api/gateway';
import { gatewayDifferences, type EnvironmentSync } from '../../core/api/gatewaySync';
import type { GatewayPlan } from '../../core/api/release';
import { UsageError } from '../errors';

/** `marie http://marie:51000 (token MARIE_API_KEY)`, `webhook https://hooks.example.com (signed with HOOK_SECRET)`. */
export function gatewayText(entry: GatewayEntry): string {
  const gateway = typedGateway(entry);
  const credential =
    gateway.type === 'marie'
      ? gateway.tokenVariable
        ? ` (token ${gateway.tokenVariable})`
        : ''
      : gateway.secretVariable
        ? ` (signed with ${gateway.secretVariable})`
        : '';
  return `${gateway.type} ${gateway.url}${credential}`;
}

/** The environment's sync state, then one line per gateway with what is missing, unexpected or outdated there. */
export function syncLines(name: string, sync: EnvironmentSync): string {
  const checked = sync.checkedAt ? `checked ${sync.checkedAt}` : 'not checked yet';
  const lines = [`${name}: ${sync.state} (${checked})`];
  for (const gateway of sync.gateways) {
    const lists = gatewayDifferences(gateway);
    const detail = gateway.state === 'in-sync' || gateway.detail === null ? [] : [gateway.detail];
    lines.push(`  ${gateway.state.padEnd(11)} ${gateway.type} ${gateway.url}${[...lists, ...detail].map((part) => `\n      ${part}`).join('')}`);
  }
  if (sync.gateways.length === 0) lines.push('  (no gateways)');
  return `${lines.join('\n')}\n`;
}

/** The dry run's lines per gateway: what it would receive and remove, and what it has no place for. */
export function gatewayPlanLines(plans: readonly GatewayPlan[]): string {
  return plans
    .map((plan) => {
      const list = (names: readonly string[]) => names.join(', ') || '—';
      const notSent = plan.notSent.length > 0 ? `; not sent: ${list(plan.notSent)}` : '';
      return `gateway ${plan.type} ${plan.url}: publish ${list(plan.publish)}; remove ${list(plan.remove)}${notSent}\n`;
    })
    .join('');
}

/**
 * A gateway named on the command line: `marie:<url>` or `webhook:<url>`, or a bare URL (a webhook). The
 * credential variables apply to every gateway of their kind.
 */
export function parseGatewayArgument(argument: string, variables: { tokenVariable?: string; secretVariable?: string }): GatewayEntry {
  const match = /^(marie|webhook):(https?:\/\/.+)$/i.exec(argument);
  const type = match ? (match[1]!.toLowerCase() as 'marie' | 'webhook') : 'webhook';
  const url = match ? match[2]! : argument;
  if (!/^https?:\/\/[^/]/i.test(url)) {
    throw new UsageError(`gateway "${argument}" must be an http(s) URL, optionally prefixed marie: or webhook: (e.g. marie:http://marie:51000)`);
  }
  if (type === 'marie') return variables.tokenVariable ? { type, url, tokenVariable: variables.tokenVariable } : { type, url };
  if (variables.secretVariable) return { type, url, secretVariable: variables.secretVariable };
  return match ? { type, url } : url;
}
