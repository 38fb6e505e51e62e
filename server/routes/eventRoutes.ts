import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { ForgeEvent } from '../../core/api/event';
import type { AppEnv } from '../appEnv';
import { bearerSecurity, errorResponses } from '../http/openApiParts';
import type { ServiceDeps } from '../serviceDeps';

/** How often an idle stream sends a comment, so proxies and clients keep the connection open. */
export const keepAliveMs = 15_000;

/** `GET /api/events`: server-sent events (`release.updated`, `approval.updated`, `environment.updated`, `version.created`). */
export function eventRoutes(deps: ServiceDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/events',
      tags: ['events'],
      security: bearerSecurity,
      responses: {
        200: { description: 'A text/event-stream; each event is named by its type, its data is JSON', content: { 'text/event-stream': { schema: { type: 'string' } } } },
        401: errorResponses[401],
      },
    }),
    (c) =>
      streamSSE(c, async (stream) => {
        const queue: ForgeEvent[] = [];
        let wake: (() => void) | null = null;
        const unsubscribe = deps.events.subscribe((event) => {
          queue.push(event);
          wake?.();
        });
        stream.onAbort(() => wake?.());
        try {
          await stream.write(': connected\n\n');
          while (!stream.aborted && !stream.closed) {
            const event = queue.shift();
            if (event) {
              await stream.writeSSE({ event: event.type, data: JSON.stringify(event.data) });
              continue;
            }
            const woke = await new Promise<boolean>((resolve) => {
              const timer = setTimeout(() => resolve(false), keepAliveMs);
              wake = () => {
                clearTimeout(timer);
                resolve(true);
              };
            });
            wake = null;
            if (!woke && !stream.aborted) await stream.write(': keep-alive\n\n');
          }
        } finally {
          unsubscribe();
        }
      }),
  );
  return app;
}
