import { OpenAPIHono } from '@hono/zod-openapi';
import { idParamsSchema } from '../../core/api/idParams';
import { pageQuerySchema, pageSchema } from '../../core/api/page';
import { tokenCreateSchema, tokenCreatedSchema, tokenSchema, userCreateSchema, userSchema, userUpdateSchema } from '../../core/api/user';
import type { AppEnv } from '../appEnv';
import { issueToken, requireSelfOrAdmin } from '../auth/manageTokens';
import { requireCapability } from '../auth/requireCapability';
import { foundOr404 } from '../errors';
import { bearerRoutes, documentedRoute } from '../http/documentedRoute';
import { errorResponses, jsonBody, jsonResponse } from '../http/openApiParts';
import type { ServiceDeps } from '../serviceDeps';
import { createUser, updateUser } from '../users/manageUsers';
import { findUser, listTokens, listUsers } from '../users/userStore';

/** Users and their roles (admin), and issuing tokens (admin, or a user for their own). */
export function userRoutes(deps: ServiceDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const common = bearerRoutes('users');

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'createUser',
      summary: 'Create a user',
      description: 'Creates a user with a role; admins only. The user has no token until one is made.',
      method: 'post',
      path: '/api/users',
      middleware: [requireCapability('manage-users')] as const,
      request: { body: jsonBody(userCreateSchema) },
      responses: { 201: jsonResponse(userSchema, 'The created user (it has no token yet)'), ...errorResponses },
    }),
    async (c) => c.json(await createUser(deps, c.var.user, c.req.valid('json')), 201),
  );

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'listUsers',
      summary: 'List users',
      description: 'Users, newest first; admins only.',
      method: 'get',
      path: '/api/users',
      middleware: [requireCapability('manage-users')] as const,
      request: { query: pageQuerySchema },
      responses: { 200: jsonResponse(pageSchema(userSchema), 'Users, newest first'), 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403] },
    }),
    async (c) => c.json(await listUsers(deps.db, c.req.valid('query')), 200),
  );

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'updateUser',
      summary: "Change a user's role",
      description: 'Changes the role of a user; admins only. The last admin cannot be demoted.',
      method: 'patch',
      path: '/api/users/{id}',
      middleware: [requireCapability('manage-users')] as const,
      request: { params: idParamsSchema, body: jsonBody(userUpdateSchema) },
      responses: { 200: jsonResponse(userSchema, 'The user with its new role or state'), ...errorResponses },
    }),
    async (c) => c.json(await updateUser(deps, c.var.user, c.req.valid('param').id, c.req.valid('json')), 200),
  );

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'createToken',
      summary: 'Create an API token',
      description: 'Creates an API token for a user (admins for anyone, everyone for themselves); its plaintext is in this answer only.',
      method: 'post',
      path: '/api/users/{id}/tokens',
      middleware: [requireSelfOrAdmin] as const,
      request: { params: idParamsSchema, body: jsonBody(tokenCreateSchema) },
      responses: { 201: jsonResponse(tokenCreatedSchema, 'The new token; its plaintext is shown only in this answer'), ...errorResponses },
    }),
    async (c) => c.json(await issueToken(deps, c.var.user, c.req.valid('param').id, c.req.valid('json').name), 201),
  );

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'listTokens',
      summary: "List a user's tokens",
      description: "The user's tokens, newest first, revoked ones included, never their values.",
      method: 'get',
      path: '/api/users/{id}/tokens',
      middleware: [requireSelfOrAdmin] as const,
      request: { params: idParamsSchema },
      responses: {
        200: jsonResponse(pageSchema(tokenSchema), "The user's tokens, newest first, revoked ones included (never their values)"),
        400: errorResponses[400],
        401: errorResponses[401],
        403: errorResponses[403],
        404: errorResponses[404],
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      foundOr404(await findUser(deps.db, id), 'user', id);
      return c.json({ items: await listTokens(deps.db, id), nextCursor: null }, 200);
    },
  );
  return app;
}
