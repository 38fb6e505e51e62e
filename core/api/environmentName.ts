import { z } from 'zod';

/** An environment's name: lower-case, URL-safe, as used in paths (`/api/environments/:name`). */
export const environmentNameSchema = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'an environment name: lower-case letters, digits and dashes, starting with a letter');
