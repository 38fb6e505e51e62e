import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from 'pino';
import type { Metrics } from '../metrics/metrics';

/** Counts and times every request by method, matched route and status, and logs it as one JSON line (never its headers). */
export function observeRequests(metrics: Metrics, logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1000;
    const matched = routePath(c, -1);
    const route = matched.endsWith('*') ? 'unmatched' : matched;
    const status = String(c.res.status);
    metrics.httpRequests.inc({ route, status });
    metrics.httpDuration.observe({ method: c.req.method, route, status }, seconds);
    logger.info({ method: c.req.method, route, status: c.res.status, ms: Math.round(seconds * 1000) }, 'request');
  };
}
