import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { complianceReportSchema, reportParamsSchema, reportQuerySchema } from '../../core/api/report';
import type { AppEnv } from '../appEnv';
import { flushAccessWindows } from '../audit/accessWindows';
import { checkpointForReport } from '../audit/checkpoints/checkpointChain';
import { buildReport } from '../audit/reports/buildReport';
import { renderReport } from '../audit/reports/renderReport';
import { requireCapability } from '../auth/requireCapability';
import { attachment } from '../http/attachment';
import { bearerRoutes, documentedRoute } from '../http/documentedRoute';
import { attachmentHeader, errorResponses } from '../http/openApiParts';
import type { ServiceDeps } from '../serviceDeps';

/**
 * `GET /api/reports/:kind` (admin and maintainer): change log, deployment history or access log, covering the
 * audit log up to a signed checkpoint it embeds, and signed itself (`forge-release report verify`).
 */
export function reportRoutes(deps: ServiceDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(
    documentedRoute({
      operationId: 'getComplianceReport',
      summary: 'Build a compliance report',
      description:
        'A change-log, deployment-history or access-log report over a period, built from the audit log alone: JSON or Markdown signed with the checkpoint of the head it covers, or CSV as a plain RFC 4180 table.',
      method: 'get',
      path: '/api/reports/{kind}',
      ...bearerRoutes('audit'),
      middleware: [requireCapability('read-reports')] as const,
      request: { params: reportParamsSchema, query: reportQuerySchema },
      responses: {
        200: {
          description:
            'The report: JSON or Markdown with its period, generation time, audit chain head and the signed checkpoint of that head, signed as a whole; CSV as a plain RFC 4180 table (unsigned). CSV and Markdown come as an attachment with a file name',
          headers: attachmentHeader,
          content: {
            'application/json': { schema: complianceReportSchema },
            'text/csv': { schema: z.string() },
            'text/markdown': { schema: z.string() },
          },
        },
        400: errorResponses[400],
        401: errorResponses[401],
        403: errorResponses[403],
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      // Windows of reads that closed since the keeper's last round are in the access log too.
      await flushAccessWindows(deps.db, deps.clock());
      const covering = await checkpointForReport(deps);
      const report = await buildReport(deps.db, c.req.valid('param').kind, query, deps.clock(), covering);
      const { contentType, body, fileName } = renderReport(report, query.format, deps.auditTrail.signer);
      if (query.format !== 'json') c.header('content-disposition', attachment(fileName));
      return c.body(body, 200, { 'content-type': contentType });
    },
  );
  return app;
}
