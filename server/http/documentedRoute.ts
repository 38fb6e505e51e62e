import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { ApiTag } from './apiTags';
import { bearerSecurity } from './openApiParts';

/**
 * What every operation of `/api/openapi.json` states, so clients, generated SDKs and `redocly lint` find it: a
 * one-line `summary`, a unique camelCase `operationId` (what SDK generators name the method), a `description` of
 * what it does and refuses, one declared tag, and its `security` (`bearerSecurity`, or `publicAccess` for the
 * few routes that need no token).
 */
export interface OperationDocs {
  summary: string;
  operationId: string;
  description: string;
  tags: [ApiTag];
  security: typeof bearerSecurity | typeof publicAccess;
}

/** The `security` of a route anyone may call: no token. */
export const publicAccess: [] = [];

/** The tag and security shared by one resource's authenticated routes. */
export function bearerRoutes(tag: ApiTag): Pick<OperationDocs, 'tags' | 'security'> {
  return { tags: [tag], security: bearerSecurity };
}

/**
 * `createRoute` whose type requires the operation's documentation (OperationDocs): a route cannot be declared
 * without it. Every route module declares its routes with this; test/service/openApiDocument.test.ts checks the
 * document with `redocly lint`.
 */
export function documentedRoute<P extends string, R extends Omit<RouteConfig, 'path'> & { path: P } & OperationDocs>(config: R) {
  return createRoute<P, R>(config);
}
