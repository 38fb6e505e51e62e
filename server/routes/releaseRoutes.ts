import { OpenAPIHono } from '@hono/zod-openapi';
import { idParamsSchema } from '../../core/api/idParams';
import { pageSchema } from '../../core/api/page';
import { dryRunSchema, gateRecheckSchema, releaseCreateSchema, releaseListQuerySchema, releaseSchema } from '../../core/api/release';
import type { AppEnv } from '../appEnv';
import { recordProductionAccess } from '../audit/productionAccess';
import { ConflictError, foundOr404 } from '../errors';
import { bearerRoutes, documentedRoute } from '../http/documentedRoute';
import { errorResponses, jsonBody, jsonResponse } from '../http/openApiParts';
import { requireDeployRight } from '../releases/deployGuard';
import { recheckGates } from '../releases/recheckGates';
import { findRelease, listReleases } from '../releases/releaseStore';
import { requestRelease } from '../releases/requestRelease';
import type { ServiceDeps } from '../serviceDeps';

/** Releases: request a deploy (or a dry run), list the history, read one. */
export function releaseRoutes(deps: ServiceDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const common = bearerRoutes('releases');

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'createRelease',
      summary: 'Deploy a version',
      description:
        "Requests a release of a version into an environment: its gates decide, production waits for approvals (202). `dryRun: true` answers every gate's verdict and the artifact plan (200), writing nothing. A second release of a version to an environment while one waits for approval is refused with 409 `release_pending` naming it.",
      method: 'post',
      path: '/api/releases',
      middleware: [requireDeployRight(deps, (_c, body) => body.environment)],
      request: { body: jsonBody(releaseCreateSchema) },
      responses: {
        202: jsonResponse(releaseSchema, 'The release, started (or waiting for approval)'),
        200: jsonResponse(dryRunSchema, 'Dry run: gate verdicts and the artifact plan'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const answer = await requestRelease(deps, c.var.user, { ...body, kind: 'deploy' });
      return 'dryRun' in answer ? c.json(answer.dryRun, 200) : c.json(answer.release, 202);
    },
  );

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'listReleases',
      summary: 'List releases',
      description: 'Releases, newest first, filtered by environment or status, one page at a time.',
      method: 'get',
      path: '/api/releases',
      request: { query: releaseListQuerySchema },
      responses: { 200: jsonResponse(pageSchema(releaseSchema), 'Releases, newest first'), 400: errorResponses[400], 401: errorResponses[401] },
    }),
    async (c) => {
      const page = await listReleases(deps.db, c.req.valid('query'));
      await recordProductionAccess(
        deps,
        c,
        page.items.map((release) => release.environment),
      );
      return c.json(page, 200);
    },
  );

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'getRelease',
      summary: 'Get a release',
      description: 'One release with its gate verdicts, approvals, gateway results and outcome.',
      method: 'get',
      path: '/api/releases/{id}',
      request: { params: idParamsSchema },
      responses: { 200: jsonResponse(releaseSchema, 'One release'), 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { release } = foundOr404(await findRelease(deps.db, id), 'release', id);
      await recordProductionAccess(deps, c, [release.environment]);
      return c.json(release, 200);
    },
  );

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'recheckReleaseGates',
      summary: "Check a pending release's gates again",
      description:
        'Evaluates the gates of a pending release as they stand now, without starting it, and says which verdicts changed since its approvals were given (what would invalidate them). 409 `not_pending` once it started.',
      method: 'get',
      path: '/api/releases/{id}/gates',
      request: { params: idParamsSchema },
      responses: {
        200: jsonResponse(gateRecheckSchema, "The pending release's gates as they stand now, and what changed since it was requested"),
        400: errorResponses[400],
        401: errorResponses[401],
        404: errorResponses[404],
        409: errorResponses[409],
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const record = foundOr404(await findRelease(deps.db, id), 'release', id);
      const { release } = record;
      await recordProductionAccess(deps, c, [release.environment]);
      if (release.status !== 'pending') {
        throw new ConflictError('not_pending', `release ${id} is ${release.status}: its gates were evaluated when it started`, { status: release.status });
      }
      const checkedAt = deps.clock().toISOString();
      return c.json({ releaseId: id, checkedAt, ...(await recheckGates(deps, record)) }, 200);
    },
  );
  return app;
}
