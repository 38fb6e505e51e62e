import { z } from 'zod';
import { envelopeShape } from './envelopeSchema';
import { embeddedJsonSchema } from './jsonSchemaValue';
import { definitionSchemas } from './methods';
import { nodeTypes } from './nodeType';

/** Every method's definition, told apart by `method`: what editors see in the generated JSON Schema. */
const definitionSchema = z.discriminatedUnion(
  'method',
  Object.values(definitionSchemas) as [(typeof definitionSchemas)[keyof typeof definitionSchemas], ...(typeof definitionSchemas)[keyof typeof definitionSchemas][]],
);

/**
 * Only the method of a definition. The validator dispatches on it to one method's schema itself, so an
 * unknown method gets its own rule code and a known one is checked without trying every union member.
 */
export const definitionHeaderSchema = z.looseObject({ method: z.string() });

const nodeShape = {
  task_id: z.string().min(1),
  query_str: z.string().meta({ description: 'A human-readable label of the step.' }),
  dependencies: z.array(z.string()).nullish().default([]).meta({ description: 'task_ids this node waits for.' }),
  node_type: z.enum(nodeTypes).nullish().default('COMPUTE'),
};

const specShape = {
  inputs: embeddedJsonSchema.nullish(),
  outputs: z.record(z.string(), embeddedJsonSchema).nullish().meta({ description: 'JSON Schema per sink task_id.' }),
  plan: z.unknown(),
};

/**
 * The keys a plan node, the workflow spec and the plan have (Marie-AI `Query` and `QueryPlan`). Any other key
 * is an `unknown-key` warning: Marie-AI drops it silently, so the objects are loose rather than strict.
 */
export const nodeKeys: ReadonlySet<string> = new Set([...Object.keys(nodeShape), 'definition']);
export const specKeys: ReadonlySet<string> = new Set(Object.keys(specShape));
export const planKeys: ReadonlySet<string> = new Set(['nodes']);

/** A workflow artifact whose node definitions are checked by `definition`. */
export function workflowArtifactWith<D extends z.ZodType>(definition: D) {
  const node = z.looseObject({ ...nodeShape, definition });
  const spec = z.looseObject({ ...specShape, plan: z.looseObject({ nodes: z.array(node) }) });
  return z.looseObject({ ...envelopeShape, kind: z.literal('workflow'), spec });
}

export const workflowArtifactSchema = workflowArtifactWith(definitionSchema);
