import { z } from 'zod';
import { roles } from '../access/roles';

/** The signed-in user (`GET /api/me`). */
export const meSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(roles),
});

export type Me = z.infer<typeof meSchema>;
