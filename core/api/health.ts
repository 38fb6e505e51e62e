import { z } from 'zod';

/** `GET /healthz`. */
export const healthSchema = z.object({ status: z.literal('ok') });
