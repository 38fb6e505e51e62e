import type { Context } from 'hono';
import type { AppEnv } from '../appEnv';
import { cachedProductionEnvironments } from '../cache/cachedReads';
import type { ServiceDeps } from '../serviceDeps';
import { appendStandaloneAuditEvents } from './appendAuditEvent';
import { auditEventInput } from './auditActions';

/**
 * Appends one `access` event per production-tier environment among `environments` whose resources this
 * successful read returns (PRODUCT.md §9: who touched production and when). Call it just before answering;
 * names of other tiers, nulls and duplicates are ignored, so a handler may pass every environment it returns.
 */
export async function recordProductionAccess(
  deps: ServiceDeps,
  c: Context<AppEnv>,
  environments: Iterable<string | null | undefined>,
): Promise<void> {
  const names = [...new Set([...environments].filter((name): name is string => typeof name === 'string'))];
  if (names.length === 0) return;
  const production = (await cachedProductionEnvironments(deps)).value;
  const accessed = names.filter((name) => production.has(name)).sort();
  if (accessed.length === 0) return;
  await appendStandaloneAuditEvents(deps.db, accessed.map((name) => auditEventInput({
    actor: c.var.user.name,
    action: 'access',
    environment: name,
    outcome: '200',
    details: { method: c.req.method, path: requestTarget(c.req.url) },
  })), deps.clock());
}

// The path with its query string: a filtered list (`?environment=production`) is part of what was read.
function requestTarget(url: string): string {
  const { pathname, search } = new URL(url);
  return pathname + search;
}
