import { z } from 'zod';
import { envelopeShape } from './envelopeSchema';
import { embeddedJsonSchema } from './jsonSchemaValue';
import { definitionSchemas } from './methods';
import { nodeTypes } from './nodeType';

/** Every method's definition, told apart by `method`: what editors see in the generated JSON Schema. */
const definitionSchema = z.discriminatedUnion('method', Object.values(definitionSchemas) as [
  (typeof definitionSchemas)[keyof typeof definitionSchemas],
  ...(typeof definitionSchemas)[keyof typeof definitionSchemas][],
]);

/**
 * Only the method of a definition. The validator dispatches on it to one method's schema itself, so an
 * unknown method gets its own rule code and a known one is checked without trying every union member.
 */
export const definitionHeaderSchema = z.object({ method: z.string() });

/** A workflow artifact whose node definitions are checked by `definition`. */
export function workflowArtifactWith<D extends z.ZodType>(definition: D) {
  const node = z.strictObject({
    task_id: z.string().min(1),
    query_str: z.string().meta({ description: 'A human-readable label of the step.' }),
    dependencies: z.array(z.string()).default([]).meta({ description: 'task_ids this node waits for.' }),
    node_type: z.enum(nodeTypes).default('COMPUTE'),
    definition,
  });
  const spec = z.strictObject({
    inputs: embeddedJsonSchema.optional(),
    outputs: z.record(z.string(), embeddedJsonSchema).optional().meta({ description: 'JSON Schema per sink task_id.' }),
    plan: z.strictObject({ nodes: z.array(node) }),
  });
  return z.strictObject({ ...envelopeShape, kind: z.literal('workflow'), spec });
}

export const workflowArtifactSchema = workflowArtifactWith(definitionSchema);
