import { z } from 'zod';

/** `:id` of the routes that address one resource by its generated id (users, tokens, releases, change sets). */
export const idParamsSchema = z.object({ id: z.string().min(1).max(64) });
