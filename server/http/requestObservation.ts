import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from 'pino';
import type { Metrics } from '../metrics/metrics';

/** Counts and times every request by method, matched route and status, and logs it as one JSON line (never its headers). */
export function observeRequests(metrics: Metrics, logger: Logger): MiddlewareHandler {
  // The metrics' children per method, route and status: a request does not look its labels up again.
  const observers = new Map<string, { requests: { inc(): void }; duration: { observe(seconds: number): void } }>();
  return async (c, next) => {
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1000;
    const matched = routePath(c, -1);
    const route = matched.endsWith('*') ? 'unmatched' : matched;
    const status = String(c.res.status);
    const key = `${c.req.method} ${status} ${route}`;
    let children = observers.get(key);
    if (!children) {
      children = { requests: metrics.httpRequests.labels({ route, status }), duration: metrics.httpDuration.labels({ method: c.req.method, route, status }) };
      observers.set(key, children);
    }
    children.requests.inc();
    children.duration.observe(seconds);
    // Below the info level nothing of the log line is built.
    if (logger.isLevelEnabled('info')) logger.info({ method: c.req.method, route, status: c.res.status, ms: Math.round(seconds * 1000) }, 'request');
  };
}
