import { OpenAPIHono } from '@hono/zod-openapi';
import { meSchema } from '../../core/api/user';
import type { AppEnv } from '../appEnv';
import { bearerRoutes, documentedRoute } from '../http/documentedRoute';
import { errorResponses, jsonResponse } from '../http/openApiParts';

/** `GET /api/me`: who the bearer token belongs to. */
export function meRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(
    documentedRoute({
      operationId: 'getMe',
      summary: 'Who am I',
      description: 'The user the bearer token belongs to, with their role.',
      method: 'get',
      path: '/api/me',
      ...bearerRoutes('users'),
      responses: { 200: jsonResponse(meSchema, 'The signed-in user'), 401: errorResponses[401] },
    }),
    (c) => c.json(c.var.user, 200),
  );
  return app;
}
