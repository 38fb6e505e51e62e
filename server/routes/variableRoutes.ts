import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { environmentNameSchema } from '../../core/api/environmentName';
import { pageSchema } from '../../core/api/page';
import { maskedVariableSchema, variableKeySchema, variableWriteSchema } from '../../core/api/variable';
import type { AppEnv } from '../appEnv';
import { recordProductionAccess } from '../audit/productionAccess';
import { requireCapability } from '../auth/requireCapability';
import { findEnvironmentRecord } from '../environments/environmentStore';
import { NotFoundError, foundOr404 } from '../errors';
import { bearerRoutes, documentedRoute } from '../http/documentedRoute';
import { errorResponses, jsonBody, jsonResponse } from '../http/openApiParts';
import { deleteVariable, listVariables, setVariable } from '../secrets/environmentVariables';
import type { ServiceDeps } from '../serviceDeps';
import type { Transaction } from '../store/database';

const environmentParams = z.object({ name: environmentNameSchema });
const variableParams = z.object({ name: environmentNameSchema, key: variableKeySchema });

/**
 * Variables and secrets scoped to one environment: written and deleted by admins, listed by anyone signed in.
 * A secret's value is write-only: every answer shows it masked; only gateway activation decrypts it.
 */
export function variableRoutes(deps: ServiceDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const common = bearerRoutes('environments');

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'putVariable',
      summary: 'Set a variable',
      description: 'Sets a variable of the environment; a secret is sealed at rest and masked in every answer.',
      method: 'put',
      path: '/api/environments/{name}/variables/{key}',
      middleware: [requireCapability('manage-secrets')] as const,
      request: { params: variableParams, body: jsonBody(variableWriteSchema) },
      responses: { 200: jsonResponse(maskedVariableSchema, 'The variable as stored (a secret masked)'), ...errorResponses },
    }),
    async (c) => {
      const { name, key } = c.req.valid('param');
      const { value, secret } = c.req.valid('json');
      const stored = await inEnvironment(deps, name, (tx) => setVariable(tx, { environment: name, key, value, secret }, c.var.user.name, deps.clock(), deps.secretKey));
      return c.json(stored, 200);
    },
  );

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'deleteVariable',
      summary: 'Delete a variable',
      description: 'Removes a variable of the environment.',
      method: 'delete',
      path: '/api/environments/{name}/variables/{key}',
      middleware: [requireCapability('manage-secrets')] as const,
      request: { params: variableParams },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      const { name, key } = c.req.valid('param');
      await inEnvironment(deps, name, async (tx) => {
        if (!(await deleteVariable(tx, name, key, c.var.user.name, deps.clock()))) throw new NotFoundError('variable', key);
      });
      return c.body(null, 204);
    },
  );

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'listVariables',
      summary: 'List variables',
      description: 'Every variable of the environment by name, secrets masked.',
      method: 'get',
      path: '/api/environments/{name}/variables',
      request: { params: environmentParams },
      responses: {
        200: jsonResponse(pageSchema(maskedVariableSchema), 'Every variable of the environment by name, secrets masked'),
        400: errorResponses[400],
        401: errorResponses[401],
        404: errorResponses[404],
      },
    }),
    async (c) => {
      const { name } = c.req.valid('param');
      foundOr404(await findEnvironmentRecord(deps.db, name), 'environment', name);
      const items = await listVariables(deps.db, name);
      await recordProductionAccess(deps, c, [name]);
      return c.json({ items, nextCursor: null }, 200);
    },
  );
  return app;
}

/** Runs a variable change in one write transaction with the environment's existence checked (404) inside it. */
async function inEnvironment<T>(deps: ServiceDeps, name: string, change: (tx: Transaction) => Promise<T>): Promise<T> {
  return deps.db.transaction(async (tx) => {
    foundOr404(await findEnvironmentRecord(tx, name), 'environment', name);
    return change(tx);
  });
}
