import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { healthSchema } from '../../core/api/health';
import type { AppEnv } from '../appEnv';
import { documentedRoute, publicAccess } from '../http/documentedRoute';
import { jsonResponse } from '../http/openApiParts';
import type { ServiceDeps } from '../serviceDeps';

/** `GET /healthz` and `GET /metrics`: the two routes that answer without a token. */
export function healthRoutes(deps: ServiceDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(
    documentedRoute({
      operationId: 'getHealth',
      summary: 'Health check',
      description: 'Answers while the service is up; no token needed.',
      method: 'get',
      path: '/healthz',
      tags: ['observability'],
      security: publicAccess,
      responses: { 200: jsonResponse(healthSchema, 'The service is up') },
    }),
    (c) => c.json({ status: 'ok' as const }, 200),
  );
  app.openapi(
    documentedRoute({
      operationId: 'getMetrics',
      summary: 'Prometheus metrics',
      description: 'Process, deploy, approval, gateway and HTTP metrics in the Prometheus text format; no token needed.',
      method: 'get',
      path: '/metrics',
      tags: ['observability'],
      security: publicAccess,
      responses: { 200: { description: 'Prometheus text exposition', content: { 'text/plain': { schema: z.string() } } } },
    }),
    async (c) => {
      const text = await deps.metrics.registry.metrics();
      return c.text(text, 200, { 'content-type': deps.metrics.registry.contentType });
    },
  );
  return app;
}
