import type { MiddlewareHandler } from 'hono';
import { can, type Action } from '../../core/access/roleMatrix';
import type { AppEnv } from '../appEnv';
import { ForbiddenError } from '../errors';

/** A route's role guard (one line per route): 403 unless the role matrix lets the signed-in user do `action`. */
export function requireCapability(action: Action): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { role } = c.var.user;
    if (!can(role, action)) throw new ForbiddenError(`the ${role} role may not ${action.replaceAll('-', ' ')}`, 'forbidden', { action, role });
    await next();
  };
}
