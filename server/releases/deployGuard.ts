import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../appEnv';
import { listEnvironmentRecords } from '../environments/environmentStore';
import { NotFoundError } from '../errors';
import type { ServiceDeps } from '../serviceDeps';
import { deployableEnvironment } from './requestRelease';

/** Where a release route names its target environment: the path, or the JSON body. */
export type TargetEnvironment = (c: Context<AppEnv>, body: Record<string, unknown>) => unknown;

/**
 * The role guard of the release routes (deploy, promote, rollback): 403 unless the user may deploy to the
 * target environment, and unless they are an admin when the body carries a break-glass `override`. It runs
 * before the body is validated so that the order is 401 → 403 → 400/404 → 422; an unknown environment or a
 * body that is not JSON is left to the route's own 404 and 400.
 */
export function requireDeployRight(deps: ServiceDeps, target: TargetEnvironment): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const body = await jsonObjectBody(c);
    const name = target(c, body);
    if (typeof name === 'string') {
      try {
        deployableEnvironment(await listEnvironmentRecords(deps.db), name, c.var.user, body.override !== undefined);
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
      }
    }
    await next();
  };
}

/** The request's JSON object body, or `{}` when there is none or it is not a JSON object (validation answers that). */
async function jsonObjectBody(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  if (!(c.req.header('content-type') ?? '').includes('json')) return {};
  try {
    const body: unknown = await c.req.json();
    return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
