import { OpenAPIHono } from '@hono/zod-openapi';
import { idParamsSchema } from '../../core/api/idParams';
import { tokenSchema } from '../../core/api/user';
import type { AppEnv } from '../appEnv';
import { revokeToken } from '../auth/manageTokens';
import { bearerRoutes, documentedRoute } from '../http/documentedRoute';
import { errorResponses, jsonResponse } from '../http/openApiParts';
import type { ServiceDeps } from '../serviceDeps';

/** `DELETE /api/tokens/:id`: revokes a token (admin, or its owner); its next use answers 401. */
export function tokenRoutes(deps: ServiceDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(
    documentedRoute({
      operationId: 'revokeToken',
      summary: 'Revoke a token',
      description: 'Revokes an API token; it is refused from then on.',
      method: 'delete',
      path: '/api/tokens/{id}',
      ...bearerRoutes('users'),
      request: { params: idParamsSchema },
      responses: { 200: jsonResponse(tokenSchema, 'The revoked token (never its value)'), ...errorResponses },
    }),
    async (c) => c.json(await revokeToken(deps, c.var.user, c.req.valid('param').id), 200),
  );
  return app;
}
