import { OpenAPIHono, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../appEnv';
import { BadRequestError } from '../errors';
import type { LoggedEvent } from '../events/eventLog';
import { bearerRoutes, documentedRoute } from '../http/documentedRoute';
import { errorResponses } from '../http/openApiParts';
import type { ServiceDeps } from '../serviceDeps';

/** How often an idle stream sends a comment, so proxies and clients keep the connection open. */
export const keepAliveMs = 15_000;

const lastEventIdSchema = z.string().regex(/^\d{1,15}$/, 'the id of an event this stream sent (a decimal number)');

/**
 * `GET /api/events`: server-sent events (`release.updated`, `approval.updated`, `environment.updated`,
 * `version.created`, `version.evaluated`) from every process on the database, in the order they happened. Each event carries its
 * `id:`; a client that reconnects with `Last-Event-ID` first gets every event after that one.
 */
export function eventRoutes(deps: ServiceDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(
    documentedRoute({
      operationId: 'streamEvents',
      summary: 'Stream live events',
      description:
        'A text/event-stream of release, approval and environment events; each has an `id:`, and a reconnect sending `Last-Event-ID` resumes after that event.',
      method: 'get',
      path: '/api/events',
      ...bearerRoutes('events'),
      request: {
        headers: z.object({ 'last-event-id': z.string().optional().describe('The `id:` of the last event received: the stream starts with the events after it') }),
      },
      responses: {
        200: {
          description: 'A text/event-stream; each event has an `id:`, is named by its type, and its data is JSON',
          content: { 'text/event-stream': { schema: { type: 'string' } } },
        },
        400: errorResponses[400],
        401: errorResponses[401],
      },
    }),
    (c) => {
      const after = resumePoint(c.req.header('last-event-id'));
      return streamSSE(c, async (stream) => {
        const queue: LoggedEvent[] = [];
        let wake: (() => void) | null = null;
        const unsubscribe = deps.events.subscribe(
          (logged) => {
            queue.push(logged);
            wake?.();
          },
          { after },
        );
        stream.onAbort(() => wake?.());
        try {
          await stream.write(': connected\n\n');
          while (!stream.aborted && !stream.closed) {
            const logged = queue.shift();
            if (logged) {
              await stream.writeSSE({ id: String(logged.id), event: logged.event.type, data: JSON.stringify(logged.event.data) });
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
      });
    },
  );
  return app;
}

/** The id a reconnecting client last saw, or undefined for a new stream; 400 for a header that is no id. */
function resumePoint(header: string | undefined): number | undefined {
  if (header === undefined || header === '') return undefined;
  const parsed = lastEventIdSchema.safeParse(header.trim());
  if (!parsed.success) throw new BadRequestError('Last-Event-ID must be the id of an event this stream sent', { lastEventId: header }, 'invalid_event_id');
  return Number(parsed.data);
}
