import { OpenAPIHono } from '@hono/zod-openapi';
import { changeSetCreateSchema, changeSetSchema } from '../../core/api/changeSet';
import { idParamsSchema } from '../../core/api/idParams';
import { pageQuerySchema, pageSchema } from '../../core/api/page';
import type { AppEnv } from '../appEnv';
import { requireCapability } from '../auth/requireCapability';
import { createChangeSet, findChangeSet, listChangeSets } from '../changeSets/changeSetStore';
import { foundOr404 } from '../errors';
import { bearerRoutes, documentedRoute } from '../http/documentedRoute';
import { errorResponses, jsonBody, jsonResponse } from '../http/openApiParts';
import type { ServiceDeps } from '../serviceDeps';

/** Change sets: merged PRs grouped into a unit a version deploys together. */
export function changeSetRoutes(deps: ServiceDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const common = bearerRoutes('change sets');

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'createChangeSet',
      summary: 'Create a change set',
      description: 'A named change set of merged pull requests.',
      method: 'post',
      path: '/api/changesets',
      middleware: [requireCapability('pull-requests')] as const,
      request: { body: jsonBody(changeSetCreateSchema) },
      responses: { 201: jsonResponse(changeSetSchema, 'The change set'), ...errorResponses },
    }),
    async (c) => c.json(await createChangeSet(deps, c.var.user, c.req.valid('json')), 201),
  );

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'listChangeSets',
      summary: 'List change sets',
      description: 'Change sets, newest first, one page at a time.',
      method: 'get',
      path: '/api/changesets',
      request: { query: pageQuerySchema },
      responses: { 200: jsonResponse(pageSchema(changeSetSchema), 'Change sets, newest first'), 400: errorResponses[400], 401: errorResponses[401] },
    }),
    async (c) => c.json(await listChangeSets(deps.db, c.req.valid('query')), 200),
  );

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'getChangeSet',
      summary: 'Get a change set',
      description: 'One change set with its pull requests.',
      method: 'get',
      path: '/api/changesets/{id}',
      request: { params: idParamsSchema },
      responses: { 200: jsonResponse(changeSetSchema, 'One change set'), 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(foundOr404(await findChangeSet(deps.db, id), 'changeSet', id), 200);
    },
  );
  return app;
}
