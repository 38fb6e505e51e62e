import { OpenAPIHono } from '@hono/zod-openapi';
import { approvalDecisionRequestSchema, approvalListQuerySchema, approvalSchema } from '../../core/api/approval';
import { idParamsSchema } from '../../core/api/idParams';
import { pageSchema } from '../../core/api/page';
import { refuseDecision } from '../../core/approvals/decideApproval';
import type { AppEnv, AuthUser } from '../appEnv';
import { decisionsOf } from '../approvals/approvalStore';
import { approvalView } from '../approvals/approvalView';
import { listApprovals } from '../approvals/listApprovals';
import { findApprovalProcess, recordDecision, refusalError } from '../approvals/recordDecision';
import { recordProductionAccess } from '../audit/productionAccess';
import { DomainError } from '../errors';
import { bearerRoutes, documentedRoute } from '../http/documentedRoute';
import { errorResponses, jsonBody, jsonResponse } from '../http/openApiParts';
import type { ServiceDeps } from '../serviceDeps';

/** Approvals: a reviewer's decision on a waiting release, one release's approval process, and the list to review. */
export function approvalRoutes(deps: ServiceDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const common = bearerRoutes('approvals');

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'decideApproval',
      summary: 'Approve or reject a release',
      description:
        "Records a reviewer's decision on a release waiting for approval; the requester and users who are no reviewer are refused with 403, a second decision of one reviewer with 409.",
      method: 'post',
      path: '/api/releases/{id}/approvals',
      middleware: [
        // Who the user is for this release (requester, reviewer) is checked before the body: 403 before 400.
        async (c, next) => {
          const refusal = await reviewerRefusal(deps, c.req.param('id'), c.var.user as AuthUser);
          if (refusal) throw refusal;
          await next();
        },
      ],
      request: { params: idParamsSchema, body: jsonBody(approvalDecisionRequestSchema) },
      responses: { 200: jsonResponse(approvalSchema, 'The approval process after the decision'), ...errorResponses },
    }),
    async (c) => c.json(await recordDecision(deps, c.var.user, c.req.valid('param').id, c.req.valid('json')), 200),
  );

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'getApproval',
      summary: "Get a release's approval process",
      description: 'The approval process of one release: the policy, every decision and what the signed-in user may still do.',
      method: 'get',
      path: '/api/releases/{id}/approvals',
      request: { params: idParamsSchema },
      responses: { 200: jsonResponse(approvalSchema, "One release's approval process"), ...errorResponses },
    }),
    async (c) => {
      const { record, request } = await findApprovalProcess(deps, c.req.valid('param').id);
      await recordProductionAccess(deps, c, [record.release.environment]);
      return c.json(approvalView(record, request, await decisionsOf(deps.db, record.release.id), c.var.user, deps.clock()), 200);
    },
  );

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'listApprovals',
      summary: 'List approval processes',
      description: 'Approval processes in a state (waiting by default), newest first.',
      method: 'get',
      path: '/api/approvals',
      request: { query: approvalListQuerySchema },
      responses: { 200: jsonResponse(pageSchema(approvalSchema), 'Approval processes in a state, newest first'), 400: errorResponses[400], 401: errorResponses[401] },
    }),
    async (c) => {
      const page = await listApprovals(deps, c.var.user, c.req.valid('query'));
      await recordProductionAccess(
        deps,
        c,
        page.items.map((approval) => approval.environment),
      );
      return c.json(page, 200);
    },
  );
  return app;
}

/** A 403 when the user is the requester or no reviewer of the release; anything else is left to the handler. */
async function reviewerRefusal(deps: ServiceDeps, releaseId: string | undefined, user: AuthUser): Promise<DomainError | null> {
  if (!releaseId) return null;
  // An unknown release (404) or one needing no approval (409) is the handler's answer, after the body is checked.
  const process = await findApprovalProcess(deps, releaseId).catch((error: unknown) => {
    if (error instanceof DomainError) return null;
    throw error;
  });
  if (!process) return null;
  const { record, request } = process;
  // Without decisions and at the request time the process is open, so only who the user is can refuse them.
  const requestedAt = new Date(record.release.requestedAt);
  const refusal = refuseDecision(request.policy, record.requestedById, [], user, requestedAt, requestedAt);
  return refusal && (refusal.code === 'self_approval' || refusal.code === 'not_reviewer') ? refusalError(refusal) : null;
}
