import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './appEnv';
import { authenticate } from './auth/authenticate';
import { MethodNotAllowedError, NotFoundError, PayloadTooLargeError } from './errors';
import { allowedMethodsOf } from './http/allowedMethods';
import { openApiTags } from './http/apiTags';
import { errorResponse } from './http/errorResponse';
import { nameApiSchemas } from './http/openApiComponents';
import { observeRequests } from './http/requestObservation';
import { validationHook } from './http/validationHook';
import { approvalRoutes } from './routes/approvalRoutes';
import { changeSetRoutes } from './routes/changeSetRoutes';
import { environmentRoutes } from './routes/environmentRoutes';
import { eventRoutes } from './routes/eventRoutes';
import { healthRoutes } from './routes/healthRoutes';
import { hookRoutes } from './routes/hookRoutes';
import { meRoutes } from './routes/meRoutes';
import { auditRoutes } from './routes/auditRoutes';
import { releaseRoutes } from './routes/releaseRoutes';
import { reportRoutes } from './routes/reportRoutes';
import { tokenRoutes } from './routes/tokenRoutes';
import { userRoutes } from './routes/userRoutes';
import { variableRoutes } from './routes/variableRoutes';
import { versionRoutes } from './routes/versionRoutes';
import type { ServiceDeps } from './serviceDeps';

/** Request bodies over 5 MiB are refused with 413 (PRODUCT.md §11). */
export const bodyLimitBytes = 5 * 1024 * 1024;

const openApiPath = '/api/openapi.json';
// Authenticated by its HMAC signature instead of a bearer token (git hosts cannot send one).
const gitHookPath = '/api/hooks/git';

/**
 * The service's HTTP app. Reads no environment and opens no port: everything comes from `deps`. Every `/api`
 * route but the OpenAPI document and the signed git webhook needs a bearer token; every error leaves through one envelope.
 */
export function createApp(deps: ServiceDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const requireToken = authenticate(deps);
  const tokenUnlessPublic: MiddlewareHandler<AppEnv> = (c, next) => (c.req.path === openApiPath || c.req.path === gitHookPath ? next() : requireToken(c, next));

  app.use('*', observeRequests(deps.metrics, deps.logger));
  const limitBody: MiddlewareHandler<AppEnv> = bodyLimit({
    maxSize: bodyLimitBytes,
    onError: () => {
      throw new PayloadTooLargeError(bodyLimitBytes);
    },
  });
  // A GET or HEAD has no body; asking for one would make the server build a full Request for every read.
  const limitBodyUnlessRead: MiddlewareHandler<AppEnv> = (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next));
  app.use('/api/*', limitBodyUnlessRead);
  app.use('/api/*', tokenUnlessPublic);

  for (const routes of [
    healthRoutes(deps),
    meRoutes(),
    userRoutes(deps),
    tokenRoutes(deps),
    environmentRoutes(deps),
    variableRoutes(deps),
    versionRoutes(deps),
    changeSetRoutes(deps),
    releaseRoutes(deps),
    approvalRoutes(deps),
    eventRoutes(deps),
    auditRoutes(deps),
    reportRoutes(deps),
    hookRoutes(deps),
  ]) {
    app.route('/', routes);
  }

  nameApiSchemas();
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token (`forge-release user token` makes one)',
  });
  app.doc31(openApiPath, (c) => ({
    openapi: '3.1.0',
    info: {
      title: 'Forge Releases',
      version: '1',
      description:
        'Release pipeline for AI workflow definitions: versions, change sets, releases into environments with gates and approvals, rollback, a verifiable audit trail and compliance reports. Errors are `{error: {code, message, details}}`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    // The origin this document was fetched from: the service answers every operation there.
    servers: [{ url: new URL(c.req.url).origin, description: 'This Forge Releases service' }],
    tags: openApiTags(),
  }));
  const allowedMethods = allowedMethodsOf(app);
  app.notFound((c) => {
    const allow = allowedMethods(c.req.path);
    const refusal = allow.length > 0 ? new MethodNotAllowedError(c.req.method, c.req.path, allow) : new NotFoundError('route', `${c.req.method} ${c.req.path}`);
    return errorResponse(refusal, c, deps.logger);
  });
  app.onError((error, c) => errorResponse(error, c, deps.logger));
  return app;
}
