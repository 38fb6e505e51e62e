import type { Context } from 'hono';
import type { AppEnv } from '../appEnv';
import { cachedProductionEnvironments } from '../cache/cachedReads';
import type { ServiceDeps } from '../serviceDeps';
import { accessWindowOf } from './accessWindows';

/**
 * Counts this successful read for each production-tier environment among `environments` whose resources it
 * returns (PRODUCT.md §9: who touched production and when). Each read adds one to its user's, environment's,
 * window's and path's tally, one upsert, so replicas counting at once add up; when the window has closed, one
 * `access` event records the window (accessWindows.ts). Call it just before answering; names of other tiers,
 * nulls and duplicates are ignored, so a handler may pass every environment it returns.
 */
export async function recordProductionAccess(deps: ServiceDeps, c: Context<AppEnv>, environments: Iterable<string | null | undefined>): Promise<void> {
  const names = [...new Set([...environments].filter((name): name is string => typeof name === 'string'))];
  if (names.length === 0) return;
  const production = (await cachedProductionEnvironments(deps)).value;
  const accessed = names.filter((name) => production.has(name)).sort();
  if (accessed.length === 0) return;
  const at = deps.clock();
  const window = accessWindowOf(at, deps.auditTrail.accessWindowMinutes);
  await deps.db.batch(
    accessed.map((name) => ({
      sql: `INSERT INTO access_tallies (actor, environment, window_start, window_end, method, path, reads, first_at, last_at)
          VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)
          ON CONFLICT (actor, environment, window_start, method, path) DO UPDATE SET
            reads = access_tallies.reads + 1,
            first_at = CASE WHEN excluded.first_at < access_tallies.first_at THEN excluded.first_at ELSE access_tallies.first_at END,
            last_at = CASE WHEN excluded.last_at > access_tallies.last_at THEN excluded.last_at ELSE access_tallies.last_at END`,
      args: [c.var.user.name, name, window.start, window.end, c.req.method, requestTarget(c.req.url), at.toISOString(), at.toISOString()],
    })),
  );
}

// The path with its query string: a filtered list (`?environment=production`) is part of what was read.
function requestTarget(url: string): string {
  const { pathname, search } = new URL(url);
  return pathname + search;
}
