import type { z } from 'zod';
import { apiErrorSchema } from '../../core/api/apiError';

/** A required JSON request body validated by `schema`. */
export function jsonBody<Schema extends z.ZodType>(schema: Schema) {
  return { content: { 'application/json': { schema } }, required: true } as const;
}

/** A JSON request body that may be left out entirely (then it counts as `{}`). */
export function optionalJsonBody<Schema extends z.ZodType>(schema: Schema) {
  return { content: { 'application/json': { schema } }, required: false } as const;
}

/** A JSON response documented with `schema`. */
export function jsonResponse<Schema extends z.ZodType>(schema: Schema, description: string) {
  return { content: { 'application/json': { schema } }, description } as const;
}

const errorBody = (description: string) => ({ content: { 'application/json': { schema: apiErrorSchema } }, description });

/** The error responses every authenticated route may give (PRODUCT.md §11). */
export const errorResponses = {
  400: errorBody('Malformed request'),
  401: errorBody('Missing or invalid bearer token'),
  403: errorBody('The role does not allow the action'),
  404: errorBody('Not found'),
  409: errorBody('Conflict with the current state'),
  413: errorBody('Body over 5 MiB'),
  422: errorBody('A quality gate failed'),
} as const;

/** Routes under `/api` need a bearer token. */
export const bearerSecurity = [{ bearer: [] }];

/** The `x-next-cursor` header of a CSV page: the `cursor` of the next page (absent on the last page). */
export const nextCursorHeader = {
  'x-next-cursor': { description: 'The `cursor` of the next page, when there is one (CSV pages have no body field for it)', schema: { type: 'string' } },
} as const;

/** The `Content-Disposition` of a download: `attachment; filename="…"`. */
export const attachmentHeader = {
  'content-disposition': { description: 'attachment; filename="…": the file name to save the export as', schema: { type: 'string' } },
} as const;
