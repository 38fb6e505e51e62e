import { z } from 'zod';

/** The one error shape every API failure uses (PRODUCT.md §11). */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown(),
  }),
});

export type ApiError = z.infer<typeof apiErrorSchema>;
