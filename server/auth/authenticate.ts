import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../appEnv';
import { UnauthorizedError } from '../errors';
import type { Clock } from '../serviceDeps';
import type { Database } from '../store/database';
import { findTokenOwner, touchToken } from '../users/userStore';
import { hashToken } from './tokens';

const bearerPattern = /^Bearer ([A-Za-z0-9._~+/=-]{16,512})$/;

/** Requires `Authorization: Bearer <token>` naming a live token of an enabled user; sets `c.var.user`. */
export function authenticate(db: Database, clock: Clock): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const match = bearerPattern.exec(c.req.header('authorization') ?? '');
    if (!match?.[1]) throw new UnauthorizedError();
    const owner = await findTokenOwner(db, hashToken(match[1]));
    if (!owner) throw new UnauthorizedError('the bearer token is unknown, revoked, or its user is disabled');
    await touchToken(db, owner.tokenId, owner.lastUsedAt, clock());
    c.set('user', owner.user);
    c.set('tokenId', owner.tokenId);
    await next();
  };
}
