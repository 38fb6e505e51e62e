import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../appEnv';
import { cachedTokenOwner } from '../cache/cachedReads';
import { UnauthorizedError } from '../errors';
import type { ServiceDeps } from '../serviceDeps';
import { touchToken } from '../users/userStore';
import { hashToken } from './tokens';

const bearerPattern = /^Bearer ([A-Za-z0-9._~+/=-]{16,512})$/;

/**
 * Requires `Authorization: Bearer <token>` naming a live token of an enabled user; sets `c.var.user`. Looked up
 * through the read cache: a revoked token or a disabled user is refused from the next request on in this
 * process, and within the cache's freshness bound in every other.
 */
export function authenticate(deps: Pick<ServiceDeps, 'db' | 'cache' | 'clock'>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const match = bearerPattern.exec(c.req.header('authorization') ?? '');
    if (!match?.[1]) throw new UnauthorizedError();
    const owner = (await cachedTokenOwner(deps, hashToken(match[1]))).value;
    if (!owner) throw new UnauthorizedError('the bearer token is unknown, revoked, or its user is disabled');
    await touchToken(deps.db, owner.tokenId, owner.lastUsedAt, deps.clock());
    c.set('user', owner.user);
    c.set('tokenId', owner.tokenId);
    await next();
  };
}
