import { OpenAPIHono } from '@hono/zod-openapi';
import { stream } from 'hono/streaming';
import { z } from 'zod';
import {
  auditPageSchema,
  auditPublicKeySchema,
  auditQuerySchema,
  auditVerifyQuerySchema,
  chainVerificationSchema,
  checkpointRoundSchema,
  checkpointSchema,
} from '../../core/api/audit';
import { pageQuerySchema, pageSchema } from '../../core/api/page';
import type { AppEnv } from '../appEnv';
import { renderAuditCsv } from '../audit/auditCsv';
import { auditJsonLines } from '../audit/auditJsonLines';
import { checkpointChain } from '../audit/checkpoints/checkpointChain';
import { listCheckpoints } from '../audit/checkpoints/checkpointStore';
import { verifyAuditTrail } from '../audit/checkpoints/verifyAuditTrail';
import { queryAuditEvents } from '../audit/queryAuditEvents';
import { requireCapability } from '../auth/requireCapability';
import { ConflictError } from '../errors';
import { attachment } from '../http/attachment';
import { bearerRoutes, documentedRoute } from '../http/documentedRoute';
import { attachmentHeader, errorResponses, jsonResponse, nextCursorHeader } from '../http/openApiParts';
import type { ServiceDeps } from '../serviceDeps';

/**
 * The audit trail (admin and maintainer): filtered pages as JSON or CSV, the whole log as JSON Lines, the
 * verification against signed checkpoints, the checkpoints themselves and the key they are signed with.
 */
export function auditRoutes(deps: ServiceDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const common = bearerRoutes('audit');
  const refusals = { 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403] };

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'listAuditEvents',
      summary: 'Query the audit trail',
      description:
        "Audit events matching the filters (action family, environment, actor, version, release, period): one page as JSON, the same page as CSV with `format=csv` (the next page's cursor in `x-next-cursor`), or every match as JSON Lines with `format=jsonl`. Admins and maintainers.",
      method: 'get',
      path: '/api/audit',
      middleware: [requireCapability('read-audit')] as const,
      request: { query: auditQuerySchema },
      responses: {
        200: {
          description:
            'One page of events in time order (JSON), the same page as CSV with `format=csv`, or every matching event in chain order as JSON Lines with `format=jsonl`',
          headers: { ...nextCursorHeader, ...attachmentHeader },
          content: {
            'application/json': { schema: auditPageSchema },
            'text/csv': { schema: z.string() },
            'application/jsonl': { schema: z.string() },
          },
        },
        ...refusals,
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      if (query.format === 'jsonl') {
        // Validated before the first byte, so a bad filter is still a 400.
        const lines = auditJsonLines(deps.db, query);
        const first = await lines.next();
        c.header('content-type', 'application/jsonl; charset=utf-8');
        return stream(c, async (out) => {
          if (!first.done) await out.write(first.value);
          for await (const text of lines) await out.write(text);
        });
      }
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
    documentedRoute({
      ...common,
      operationId: 'verifyAuditTrail',
      summary: 'Verify the audit trail',
      description: 'Recomputes every hash and link of the chain and checks it against the signed checkpoints and their anchors.',
      method: 'get',
      path: '/api/audit/verify',
      middleware: [requireCapability('read-audit')] as const,
      request: { query: auditVerifyQuerySchema },
      responses: {
        200: jsonResponse(
          chainVerificationSchema,
          'Whether the chain is intact and agrees with every signed checkpoint, its first broken event, a truncation or a rewritten tail, and how each anchor agrees',
        ),
        ...refusals,
      },
    }),
    async (c) => {
      const { signer, anchors } = deps.auditTrail;
      return c.json(await verifyAuditTrail(deps.db, signer.publicKey, anchors, c.req.valid('query').from), 200);
    },
  );

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'listAuditCheckpoints',
      summary: 'List audit checkpoints',
      description: 'Signed checkpoints of the chain head, newest first.',
      method: 'get',
      path: '/api/audit/checkpoints',
      middleware: [requireCapability('read-audit')] as const,
      request: { query: pageQuerySchema },
      responses: { 200: jsonResponse(pageSchema(checkpointSchema), 'Signed checkpoints of the chain head, newest first'), ...refusals },
    }),
    async (c) => c.json(await listCheckpoints(deps.db, c.req.valid('query')), 200),
  );

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'createAuditCheckpoint',
      summary: 'Checkpoint the audit chain now',
      description: 'Signs and anchors a checkpoint of the current chain head (201), or answers the existing checkpoint of that head (200); admins.',
      method: 'post',
      path: '/api/audit/checkpoints',
      middleware: [requireCapability('sign-audit-checkpoints')] as const,
      responses: {
        201: jsonResponse(checkpointRoundSchema, 'A checkpoint of the current head, signed and anchored'),
        200: jsonResponse(checkpointRoundSchema, 'The head was already checkpointed: that checkpoint, its anchoring retried where it had failed'),
        401: errorResponses[401],
        403: errorResponses[403],
        409: errorResponses[409],
      },
    }),
    async (c) => {
      const round = await checkpointChain(deps, 'now');
      if (!round) throw new ConflictError('audit_log_empty', 'the audit log holds no event to checkpoint yet');
      const anchoring = round.anchoring.map(({ kind, location, anchored, failed, detail }) => ({ kind, location, anchored, failed, detail }));
      return c.json({ ...round.checkpoint, anchoring }, round.created ? 201 : 200);
    },
  );

  app.openapi(
    documentedRoute({
      ...common,
      operationId: 'getAuditPublicKey',
      summary: 'Get the audit signing key',
      description: 'The Ed25519 public key (SPKI PEM) checkpoints and reports are signed with, for offline verification.',
      method: 'get',
      path: '/api/audit/public-key',
      middleware: [requireCapability('read-audit')] as const,
      responses: { 200: jsonResponse(auditPublicKeySchema, 'The Ed25519 public key checkpoints and reports are signed with (SPKI PEM) and its id'), ...refusals },
    }),
    async (c) => {
      const { keyId, publicKeyPem } = deps.auditTrail.signer;
      return c.json({ algorithm: 'Ed25519' as const, keyId, publicKey: publicKeyPem }, 200);
    },
  );
  return app;
}
