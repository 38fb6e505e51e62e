import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { evaluationListQuerySchema, evaluationReportSchema, evaluationSchema } from '../../core/api/evaluation';
import { pageSchema } from '../../core/api/page';
import {
  checkReportSchema,
  checkSchema,
  versionCreateSchema,
  versionDiffQuerySchema,
  versionDiffSchema,
  versionListQuerySchema,
  versionSchema,
} from '../../core/api/version';
import type { AppEnv } from '../appEnv';
import { requireCapability } from '../auth/requireCapability';
import { foundOr404 } from '../errors';
import { bearerRoutes, documentedRoute } from '../http/documentedRoute';
import { errorResponses, jsonBody, jsonResponse } from '../http/openApiParts';
import type { ServiceDeps } from '../serviceDeps';
import { diffVersions } from '../versions/diffVersions';
import { registerVersion } from '../versions/registerVersion';
import { listChecks, reportCheck } from '../versions/versionChecks';
import { listEvaluations, reportEvaluation } from '../versions/versionEvaluations';
import { findVersion, listVersions } from '../versions/versionStore';

const tagParams = z.object({ tag: z.string().min(1).max(128) });

/** Versions: register, list, read a bundle, diff, and report checks and evaluation results. */
export function versionRoutes(deps: ServiceDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const common = bearerRoutes('versions');

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'registerVersion',
      summary: 'Register a version',
      description:
        'Registers a version tag with every artifact at the tag and validates it (DAG.md). Registering the same tag again with the same content answers the stored version (200); different content for a registered tag is refused with 409.',
      method: 'post',
      path: '/api/versions',
      middleware: [requireCapability('create-version')] as const,
      request: { body: jsonBody(versionCreateSchema) },
      responses: {
        201: jsonResponse(versionSchema, 'Registered'),
        200: jsonResponse(versionSchema, 'Already registered with the same content'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { version, created } = await registerVersion(deps, c.var.user, c.req.valid('json'));
      return created ? c.json(version, 201) : c.json(version, 200);
    },
  );

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'listVersions',
      summary: 'List versions',
      description: 'Registered versions, newest first, one page at a time (`limit`, `cursor`).',
      method: 'get',
      path: '/api/versions',
      request: { query: versionListQuerySchema },
      responses: { 200: jsonResponse(pageSchema(versionSchema), 'Versions, newest first'), 400: errorResponses[400], 401: errorResponses[401] },
    }),
    async (c) => c.json(await listVersions(deps.db, c.req.valid('query')), 200),
  );

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'getVersion',
      summary: 'Get a version',
      description: 'One registered version with its artifact bundle and validation diagnostics; 404 for a tag that is not registered.',
      method: 'get',
      path: '/api/versions/{tag}',
      request: { params: tagParams },
      responses: { 200: jsonResponse(versionSchema, 'The version and its bundle'), 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) => {
      const { tag } = c.req.valid('param');
      return c.json(foundOr404(await findVersion(deps.db, tag), 'version', tag), 200);
    },
  );

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'diffVersion',
      summary: 'Diff a version',
      description: 'The DAG-aware diff of a version against another one (default: the version before it) and the semver bump it calls for.',
      method: 'get',
      path: '/api/versions/{tag}/diff',
      request: { params: tagParams, query: versionDiffQuerySchema },
      responses: {
        200: jsonResponse(versionDiffSchema, 'DAG-aware diff and inferred bump'),
        400: errorResponses[400],
        401: errorResponses[401],
        404: errorResponses[404],
      },
    }),
    async (c) => c.json(await diffVersions(deps.db, c.req.valid('param').tag, c.req.valid('query').against), 200),
  );

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'reportCheck',
      summary: 'Report a check result',
      description: 'Stores a CI check result (name, success or failure, summary, link) for a version; the `required-checks` gate reads them.',
      method: 'post',
      path: '/api/versions/{tag}/checks',
      middleware: [requireCapability('pull-requests')] as const,
      request: { params: tagParams, body: jsonBody(checkReportSchema) },
      responses: { 201: jsonResponse(checkSchema, 'The check report, stored'), ...errorResponses },
    }),
    async (c) => c.json(await reportCheck(deps, c.var.user, c.req.valid('param').tag, c.req.valid('json')), 201),
  );

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'listChecks',
      summary: "List a version's checks",
      description: 'Every check result reported for the version, newest first.',
      method: 'get',
      path: '/api/versions/{tag}/checks',
      request: { params: tagParams },
      responses: {
        200: jsonResponse(pageSchema(checkSchema), 'Every check report of the version'),
        400: errorResponses[400],
        401: errorResponses[401],
        404: errorResponses[404],
      },
    }),
    async (c) => {
      const { tag } = c.req.valid('param');
      foundOr404(await findVersion(deps.db, tag), 'version', tag);
      return c.json({ items: await listChecks(deps.db, tag), nextCursor: null }, 200);
    },
  );

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'reportEvaluation',
      summary: 'Report an evaluation result',
      description:
        "Records a suite's metrics for the version (as for checks: developers and above), kept with the version's content hash, reporter and time; the latest result per suite (and environment, when given) is what the `evaluation` gate reads.",
      method: 'post',
      path: '/api/versions/{tag}/evaluations',
      middleware: [requireCapability('pull-requests')] as const,
      request: { params: tagParams, body: jsonBody(evaluationReportSchema) },
      responses: { 201: jsonResponse(evaluationSchema, "The evaluation result, stored with the version's content hash"), ...errorResponses },
    }),
    async (c) => c.json(await reportEvaluation(deps, c.var.user, c.req.valid('param').tag, c.req.valid('json')), 201),
  );

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'listEvaluations',
      summary: "List a version's evaluation results",
      description: 'Every evaluation result of the version, newest first; `latest` marks those the evaluation gate counts.',
      method: 'get',
      path: '/api/versions/{tag}/evaluations',
      request: { params: tagParams, query: evaluationListQuerySchema },
      responses: {
        200: jsonResponse(pageSchema(evaluationSchema), "The version's evaluation results, newest first; `latest` marks those that count"),
        400: errorResponses[400],
        401: errorResponses[401],
        404: errorResponses[404],
      },
    }),
    async (c) => {
      const { tag } = c.req.valid('param');
      foundOr404(await findVersion(deps.db, tag), 'version', tag);
      return c.json(await listEvaluations(deps.db, tag, c.req.valid('query')), 200);
    },
  );
  return app;
}
