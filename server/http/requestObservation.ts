import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from 'pino';
import type { Metrics } from '../metrics/metrics';

/** Counts every request by matched route and status, and logs it as one JSON line (never its headers). */
export function observeRequests(metrics: Metrics, logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const matched = routePath(c, -1);
    const route = matched.endsWith('*') ? 'unmatched' : matched;
    metrics.httpRequests.inc({ route, status: String(c.res.status) });
    logger.info({ method: c.req.method, route, status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
  };
}
