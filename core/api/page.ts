import { z } from 'zod';

/** `limit` and `cursor` of every list request; the cursor is opaque to clients. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, 'a cursor returned by a previous page')
    .optional(),
});

/** A list response: one page of items and the cursor of the next page (null on the last). */
export function pageSchema<Item extends z.ZodType>(item: Item) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export type PageQuery = z.infer<typeof pageQuerySchema>;

export interface Page<Item> {
  items: Item[];
  nextCursor: string | null;
}
