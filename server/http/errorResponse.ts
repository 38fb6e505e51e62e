import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import { DomainError, MethodNotAllowedError, UnsupportedMediaTypeError } from '../errors';
import { UnstorableTextError } from '../store/constraintErrors';

/** Maps any error to the API's envelope; only an unexpected error becomes a 500, and it is logged. */
export function errorResponse(error: unknown, c: Context, logger: Logger): Response {
  const known = toDomainError(error, c);
  if (known) {
    if (known instanceof MethodNotAllowedError) c.header('Allow', known.allow.join(', '));
    return c.json({ error: { code: known.code, message: known.message, details: known.details } }, known.status);
  }
  logger.error({ err: error, method: c.req.method, path: c.req.path }, 'request failed');
  return c.json({ error: { code: 'internal_error', message: 'the service failed to handle the request', details: {} } }, 500);
}

function toDomainError(error: unknown, c: Context): DomainError | null {
  if (error instanceof DomainError) return error;
  if (error instanceof UnstorableTextError) return new DomainError(400, 'invalid_text', error.message);
  if (error instanceof HTTPException) {
    // Hono's own refusals: malformed JSON (400), a body that is not JSON (415).
    if (error.status === 413) return new DomainError(413, 'payload_too_large', error.message);
    if (error.status === 415) return new UnsupportedMediaTypeError(c.req.header('content-type') ?? null);
    if (error.status === 400) return new DomainError(400, 'malformed_request', error.message);
    if (error.status === 401) return new DomainError(401, 'unauthorized', error.message);
    if (error.status === 404) return new DomainError(404, 'not_found', error.message);
    if (error.status < 500) return new DomainError(400, 'bad_request', error.message);
  }
  return null;
}
