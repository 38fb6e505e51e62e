import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from 'pino';
import type { Metrics } from '../metrics/metrics';

/** Counts every request by matched route and status, and logs it as one JSON line (never its headers). */
export function observeRequests(metrics: Metrics, logger: Logger): MiddlewareHandler {
  // One child counter per route and status: a request does not look its labels up again.
  const counters = new Map<string, { inc(): void }>();
  return async (c, next) => {
    // Below the info level nothing of the log line is built.
    const logging = logger.isLevelEnabled('info');
    const started = logging ? performance.now() : 0;
    await next();
    const matched = routePath(c, -1);
    const route = matched.endsWith('*') ? 'unmatched' : matched;
    const { status } = c.res;
    const key = `${status} ${route}`;
    let counter = counters.get(key);
    if (!counter) counters.set(key, (counter = metrics.httpRequests.labels({ route, status: String(status) })));
    counter.inc();
    if (logging) logger.info({ method: c.req.method, route, status, ms: Math.round(performance.now() - started) }, 'request');
  };
}
