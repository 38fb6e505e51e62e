import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { AppEnv } from '../appEnv';
import { NotFoundError, UnauthorizedError } from '../errors';
import { documentedRoute, publicAccess } from '../http/documentedRoute';
import { errorResponses, jsonResponse } from '../http/openApiParts';
import { isValidWebhookSignature, signatureHeader } from '../repository/webhookSignature';
import type { ServiceDeps } from '../serviceDeps';

const acceptedSchema = z.object({ status: z.literal('accepted') });

/**
 * `POST /api/hooks/git`: a push webhook (GitHub's `X-Hub-Signature-256`, HMAC-SHA256 of the raw body under
 * FORGE_WEBHOOK_SECRET). It needs no bearer token — the signature is the authentication — and answers 202 at
 * once; the watched repository is fetched and its new version tags registered in the background.
 */
export function hookRoutes(deps: ServiceDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(
    documentedRoute({
      operationId: 'receiveGitPush',
      summary: 'Receive a push webhook',
      description:
        "The git host's push webhook, authenticated by its HMAC signature instead of a bearer token: the service fetches the watched repository and registers new version tags.",
      method: 'post',
      path: '/api/hooks/git',
      tags: ['repository'],
      security: publicAccess,
      request: { headers: z.object({ [signatureHeader]: z.string().optional() }) },
      responses: {
        202: jsonResponse(acceptedSchema, 'Signature valid: the repository is synced in the background'),
        401: errorResponses[401],
        404: { ...errorResponses[404], description: 'The service watches no repository (start it with --repo)' },
        413: errorResponses[413],
      },
    }),
    async (c) => {
      const watcher = deps.repository;
      if (!watcher) throw new NotFoundError('watched repository', 'none (start the service with --repo)');
      // The signature covers the exact bytes sent, so the body is read raw, never re-serialised.
      const body = new Uint8Array(await c.req.arrayBuffer());
      if (!watcher.webhookSecret) throw new UnauthorizedError('the webhook is disabled: set FORGE_WEBHOOK_SECRET on the service');
      if (!isValidWebhookSignature(watcher.webhookSecret, body, c.req.header(signatureHeader))) {
        throw new UnauthorizedError('the X-Hub-Signature-256 header is missing or does not sign this body with the shared secret');
      }
      watcher.syncInBackground('webhook');
      return c.json({ status: 'accepted' as const }, 202);
    },
  );
  return app;
}
