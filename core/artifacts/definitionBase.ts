import { z } from 'zod';

/** Free-form executor parameters; `agent` and `processor` name artifacts of the repository. */
export const paramsSchema = z.record(z.string(), z.unknown()).meta({
  description: 'Executor parameters; "agent" / "processor" name an agent or processor artifact.',
});

export const probabilitySchema = z.number().min(0).max(1);

/**
 * A method's definition: `method`, `endpoint`, `params` plus the method's own fields. Loose, because Marie-AI
 * ignores keys a method does not know; the validator warns about them (`unknown-key`).
 */
export function definitionOf<const M extends string, const S extends z.ZodRawShape>(method: M, shape: S) {
  return z.looseObject({
    method: z.literal(method),
    endpoint: z.string().nullish(),
    params: paramsSchema.nullish(),
    ...shape,
  });
}
