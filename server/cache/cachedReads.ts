import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import type { Environment } from '../../core/api/environment';
import type { Page } from '../../core/api/page';
import { findEnvironment, listEnvironments } from '../environments/environmentResource';
import type { ServiceDeps } from '../serviceDeps';
import { findTokenOwner } from '../users/userStore';
import type { CachedRead } from './readCache';

/*
 * The hot reads the service answers from memory (see ReadCache), each under its own key. A value holds what the
 * database said at one generation; the routes still do everything a read entails besides (access events).
 */

type CacheDeps = Pick<ServiceDeps, 'db' | 'cache'>;

/** `GET /api/environments`: every environment with its last release and pending approvals, in chain order. */
export function cachedEnvironmentList(deps: CacheDeps): Promise<CachedRead<Page<Environment>>> {
  return deps.cache.read('environments', async () => ({ items: await listEnvironments(deps.db), nextCursor: null }));
}

/** `GET /api/environments/:name`: one environment, or null (an absent one is cached as well). */
export async function cachedEnvironment(deps: CacheDeps, name: string): Promise<CachedRead<Environment> | null> {
  const cached = await deps.cache.read(`environment:${name}`, () => findEnvironment(deps.db, name));
  return cached.value ? (cached as CachedRead<Environment>) : null;
}

/** The live token with this hash and its enabled user, or null (also cached, so refused tokens cost no query). */
export function cachedTokenOwner(deps: CacheDeps, tokenHash: string): Promise<CachedRead<Awaited<ReturnType<typeof findTokenOwner>>>> {
  return deps.cache.read(`token:${tokenHash}`, () => findTokenOwner(deps.db, tokenHash));
}

/** The names of the production-tier environments. */
export function cachedProductionEnvironments(deps: CacheDeps): Promise<CachedRead<ReadonlySet<string>>> {
  return deps.cache.read('production-environments', async () => {
    const result = await deps.db.execute("SELECT name FROM environments WHERE tier = 'production'");
    return new Set(result.rows.map((row) => String(row.name)));
  });
}

const jsonHeaders = { 'content-type': 'application/json' };

/** A 200 answer with a cached value's JSON text, as `c.json(value, 200)` would give it (and typed alike). */
export function cachedJson<T>(c: Context, cached: CachedRead<T>): Response & TypedResponse<JSONParsed<T>, 200, 'json'> {
  // The same bytes c.json would send; only the static type says what they hold.
  return c.body(cached.json(), 200, jsonHeaders) as unknown as Response & TypedResponse<JSONParsed<T>, 200, 'json'>;
}
