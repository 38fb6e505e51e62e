import type { Context } from 'hono';
import type { AppEnv } from '../appEnv';
import type { ServiceDeps } from '../serviceDeps';
import { appendStandaloneAuditEvents } from './appendAuditEvent';
import { auditEventInput } from './auditActions';
import { placeholderList } from '../store/placeholders';

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
  const production = await deps.db.execute({
    sql: `SELECT name FROM environments WHERE tier = 'production' AND name IN (${placeholderList(names.length)}) ORDER BY name`,
    args: names,
  });
  if (production.rows.length === 0) return;
  await appendStandaloneAuditEvents(deps.db, production.rows.map((row) => auditEventInput({
    actor: c.var.user.name,
    action: 'access',
    environment: String(row.name),
    outcome: '200',
    details: { method: c.req.method, path: requestTarget(c.req.url) },
  })), deps.clock());
}

// The path with its query string: a filtered list (`?environment=production`) is part of what was read.
function requestTarget(url: string): string {
  const { pathname, search } = new URL(url);
  return pathname + search;
}
