import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { auditPageSchema, auditQuerySchema, chainVerificationSchema } from '../../core/api/audit';
import type { AppEnv } from '../appEnv';
import { renderAuditCsv } from '../audit/auditCsv';
import { queryAuditEvents } from '../audit/queryAuditEvents';
import { verifyAuditChain } from '../audit/verifyAuditChain';
import { requireCapability } from '../auth/requireCapability';
import { attachment } from '../http/attachment';
import { bearerSecurity, errorResponses, jsonResponse } from '../http/openApiParts';
import type { ServiceDeps } from '../serviceDeps';

/** The audit trail (admin and maintainer): filtered pages as JSON or CSV, and the hash-chain check. */
export function auditRoutes(deps: ServiceDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const common = { tags: ['audit'], security: bearerSecurity };
  const refusals = { 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403] };

  app.openapi(
    createRoute({
      ...common,
      method: 'get',
      path: '/api/audit',
      middleware: [requireCapability('read-audit')] as const,
      request: { query: auditQuerySchema },
      responses: {
        200: {
          description: 'One page of events in time order (JSON), or the same page as CSV with `format=csv`',
          content: { 'application/json': { schema: auditPageSchema }, 'text/csv': { schema: z.string() } },
        },
        ...refusals,
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const page = await queryAuditEvents(deps.db, query);
      if (query.format === 'csv') {
        if (page.nextCursor) c.header('x-next-cursor', page.nextCursor);
        c.header('content-disposition', attachment(`forge-audit-${deps.clock().toISOString().slice(0, 10)}.csv`));
        return c.body(renderAuditCsv(page.items), 200, { 'content-type': 'text/csv; charset=utf-8' });
      }
      return c.json(page, 200);
    },
  );

  app.openapi(
    createRoute({
      ...common,
      method: 'get',
      path: '/api/audit/verify',
      middleware: [requireCapability('read-audit')] as const,
      responses: { 200: jsonResponse(chainVerificationSchema, 'Whether the hash chain is intact, and its first broken event'), ...refusals },
    }),
    async (c) => c.json(await verifyAuditChain(deps.db), 200),
  );
  return app;
}
