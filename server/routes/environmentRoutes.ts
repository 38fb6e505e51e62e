import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { environmentSchema, environmentUpdateSchema } from '../../core/api/environment';
import { environmentNameSchema } from '../../core/api/environmentName';
import { environmentSyncSchema } from '../../core/api/gatewaySync';
import { pageSchema } from '../../core/api/page';
import { promoteSchema, releaseSchema, rollbackSchema } from '../../core/api/release';
import type { AppEnv } from '../appEnv';
import { recordProductionAccess } from '../audit/productionAccess';
import { requireCapability } from '../auth/requireCapability';
import { getEnvironment, listEnvironments } from '../environments/environmentResource';
import { reconcileNow } from '../gateways/reconciler';
import { updateEnvironment } from '../environments/updateEnvironment';
import { bearerSecurity, errorResponses, jsonBody, jsonResponse, optionalJsonBody } from '../http/openApiParts';
import { requireDeployRight } from '../releases/deployGuard';
import { requestPromotion, requestRollback } from '../releases/requestRelease';
import type { ServiceDeps } from '../serviceDeps';

const nameParams = z.object({ name: environmentNameSchema });

/** Environments: list, read, create-or-change, and the promote, rollback and reconcile actions on one. */
export function environmentRoutes(deps: ServiceDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const common = { tags: ['environments'], security: bearerSecurity };

  app.openapi(
    createRoute({
      ...common,
      method: 'get',
      path: '/api/environments',
      responses: { 200: jsonResponse(pageSchema(environmentSchema), 'Every environment, in chain order'), 401: errorResponses[401] },
    }),
    async (c) => c.json({ items: await listEnvironments(deps.db), nextCursor: null }, 200),
  );

  app.openapi(
    createRoute({
      ...common,
      method: 'get',
      path: '/api/environments/{name}',
      request: { params: nameParams },
      responses: { 200: jsonResponse(environmentSchema, 'One environment'), 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) => {
      const environment = await getEnvironment(deps.db, c.req.valid('param').name);
      await recordProductionAccess(deps, c, [environment.name]);
      return c.json(environment, 200);
    },
  );

  app.openapi(
    createRoute({
      ...common,
      method: 'put',
      path: '/api/environments/{name}',
      middleware: [requireCapability('manage-environments')] as const,
      request: { params: nameParams, body: jsonBody(environmentUpdateSchema) },
      responses: {
        200: jsonResponse(environmentSchema, 'The changed environment'),
        201: jsonResponse(environmentSchema, 'The created environment'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { name } = c.req.valid('param');
      const created = await updateEnvironment(deps, c.var.user, name, c.req.valid('json'));
      const environment = await getEnvironment(deps.db, name);
      return created ? c.json(environment, 201) : c.json(environment, 200);
    },
  );

  app.openapi(
    createRoute({
      ...common,
      method: 'post',
      path: '/api/environments/{name}/promote',
      middleware: [requireDeployRight(deps, (c) => c.req.param('name'))],
      request: { params: nameParams, body: optionalJsonBody(promoteSchema) },
      responses: { 202: jsonResponse(releaseSchema, 'The promotion release, started (or waiting for approval)'), ...errorResponses },
    }),
    async (c) => c.json(await requestPromotion(deps, c.var.user, c.req.valid('param').name, c.req.valid('json')), 202),
  );

  app.openapi(
    createRoute({
      ...common,
      method: 'post',
      path: '/api/environments/{name}/rollback',
      middleware: [requireDeployRight(deps, (c) => c.req.param('name'))],
      request: { params: nameParams, body: optionalJsonBody(rollbackSchema) },
      responses: { 202: jsonResponse(releaseSchema, 'The rollback release, started'), ...errorResponses },
    }),
    async (c) => c.json(await requestRollback(deps, c.var.user, c.req.valid('param').name, c.req.valid('json')), 202),
  );

  app.openapi(
    createRoute({
      ...common,
      method: 'post',
      path: '/api/environments/{name}/reconcile',
      middleware: [requireDeployRight(deps, (c) => c.req.param('name'))],
      request: { params: nameParams },
      responses: {
        200: jsonResponse(environmentSyncSchema, 'The sync state after re-publishing the active version on every drifted gateway'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { name } = c.req.valid('param');
      await getEnvironment(deps.db, name);
      return c.json(await reconcileNow(deps, name, c.var.user.name), 200);
    },
  );
  return app;
}
