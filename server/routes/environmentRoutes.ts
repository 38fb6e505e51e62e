import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { environmentSchema, environmentUpdateSchema } from '../../core/api/environment';
import { environmentNameSchema } from '../../core/api/environmentName';
import { environmentSyncSchema } from '../../core/api/gatewaySync';
import { pageSchema } from '../../core/api/page';
import { dryRunSchema, promoteSchema, releaseSchema, rollbackSchema } from '../../core/api/release';
import type { AppEnv } from '../appEnv';
import { recordProductionAccess } from '../audit/productionAccess';
import { requireCapability } from '../auth/requireCapability';
import { cachedEnvironment, cachedEnvironmentList, cachedJson } from '../cache/cachedReads';
import { getEnvironment } from '../environments/environmentResource';
import { reconcileNow } from '../gateways/reconciler';
import { updateEnvironment } from '../environments/updateEnvironment';
import { NotFoundError } from '../errors';
import { bearerRoutes, documentedRoute } from '../http/documentedRoute';
import { errorResponses, jsonBody, jsonResponse, optionalJsonBody } from '../http/openApiParts';
import { requireDeployRight } from '../releases/deployGuard';
import { requestPromotion, requestRollback } from '../releases/requestRelease';
import type { ServiceDeps } from '../serviceDeps';

const nameParams = z.object({ name: environmentNameSchema });

/** Environments: list, read, create-or-change, and the promote, rollback and reconcile actions on one. */
export function environmentRoutes(deps: ServiceDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const common = bearerRoutes('environments');

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'listEnvironments',
      summary: 'List environments',
      description: 'Every environment in promotion-chain order, with its active version, last release, gates, approval policy and sync state.',
      method: 'get',
      path: '/api/environments',
      responses: { 200: jsonResponse(pageSchema(environmentSchema), 'Every environment, in chain order'), 401: errorResponses[401] },
    }),
    async (c) => cachedJson(c, await cachedEnvironmentList(deps)),
  );

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'getEnvironment',
      summary: 'Get an environment',
      description: 'One environment; reading production is recorded in the access log.',
      method: 'get',
      path: '/api/environments/{name}',
      request: { params: nameParams },
      responses: { 200: jsonResponse(environmentSchema, 'One environment'), 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) => {
      const { name } = c.req.valid('param');
      const environment = await cachedEnvironment(deps, name);
      if (!environment) throw new NotFoundError('environment', name);
      await recordProductionAccess(deps, c, [name]);
      return cachedJson(c, environment);
    },
  );

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'putEnvironment',
      summary: 'Create or change an environment',
      description: 'Creates the environment (201) or changes its gates, approval policy, freeze windows and gateways (200); admins only.',
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
    documentedRoute({
      ...common,
      operationId: 'promoteEnvironment',
      summary: 'Promote into an environment',
      description:
        'Deploys the version active in the previous environment of the chain (or `from`) to this one, through its gates; `dryRun: true` answers the verdicts and the artifact plan instead (200), writing nothing. A release of the same version already waiting for approval there is refused with 409 `release_pending`.',
      method: 'post',
      path: '/api/environments/{name}/promote',
      middleware: [requireDeployRight(deps, (c) => c.req.param('name'))],
      request: { params: nameParams, body: optionalJsonBody(promoteSchema) },
      responses: {
        202: jsonResponse(releaseSchema, 'The promotion release, started (or waiting for approval)'),
        200: jsonResponse(dryRunSchema, 'Dry run: gate verdicts and the artifact plan'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const answer = await requestPromotion(deps, c.var.user, c.req.valid('param').name, c.req.valid('json'));
      return 'dryRun' in answer ? c.json(answer.dryRun, 200) : c.json(answer.release, 202);
    },
  );

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'rollbackEnvironment',
      summary: 'Roll an environment back',
      description:
        'Re-activates a version that ran in the environment before (default: the one before the current); `dryRun: true` answers the freeze verdict and the artifact plan instead (200), writing nothing.',
      method: 'post',
      path: '/api/environments/{name}/rollback',
      middleware: [requireDeployRight(deps, (c) => c.req.param('name'))],
      request: { params: nameParams, body: optionalJsonBody(rollbackSchema) },
      responses: {
        202: jsonResponse(releaseSchema, 'The rollback release, started'),
        200: jsonResponse(dryRunSchema, 'Dry run: the freeze verdict and the artifact plan'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const answer = await requestRollback(deps, c.var.user, c.req.valid('param').name, c.req.valid('json'));
      return 'dryRun' in answer ? c.json(answer.dryRun, 200) : c.json(answer.release, 202);
    },
  );

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'reconcileEnvironment',
      summary: "Reconcile an environment's gateways",
      description:
        'Re-publishes the active version on every gateway that drifted from it and answers the sync state afterwards; 409 `lock_held` while a release of the environment runs.',
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
