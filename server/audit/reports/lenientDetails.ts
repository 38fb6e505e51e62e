import { z } from 'zod';

/**
 * Reads event details field by field against a contract schema: a field that is missing or of the wrong type
 * reads as undefined instead of failing the whole event, so events written before the contract settled, or
 * by a careless emitter, still contribute what they do carry.
 */
export function readDetails<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>, details: Record<string, unknown>): Partial<z.infer<z.ZodObject<Shape>>> {
  const fields = Object.entries(schema.shape).map(([key, field]) => [key, (field as z.ZodType).optional().catch(undefined)]);
  return z.object(Object.fromEntries(fields)).parse(details) as Partial<z.infer<z.ZodObject<Shape>>>;
}
