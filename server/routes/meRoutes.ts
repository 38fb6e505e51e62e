import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { meSchema } from '../../core/api/user';
import type { AppEnv } from '../appEnv';
import { bearerSecurity, errorResponses, jsonResponse } from '../http/openApiParts';

/** `GET /api/me`: who the bearer token belongs to. */
export function meRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/me',
      tags: ['users'],
      security: bearerSecurity,
      responses: { 200: jsonResponse(meSchema, 'The signed-in user'), 401: errorResponses[401] },
    }),
    (c) => c.json(c.var.user, 200),
  );
  return app;
}
