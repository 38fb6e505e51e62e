import { z } from 'zod';
import { envelopeShape } from './envelopeSchema';
import { embeddedJsonSchema } from './jsonSchemaValue';

const agentSpecSchema = z.strictObject({
  model: z.strictObject({
    connection: z.string().min(1),
    name: z.string().min(1),
    temperature: z.number().min(0).max(2).optional(),
    max_tokens: z.number().int().min(1).optional(),
  }),
  system_prompt: z.string(),
  tools: z.array(z.strictObject({ name: z.string().min(1), config: z.record(z.string(), z.unknown()).optional() })).optional(),
  skills: z.array(z.unknown()).optional(),
  limits: z
    .strictObject({
      max_iterations: z.number().int().min(1).optional(),
      timeout_seconds: z.number().int().min(1).max(3600).optional(),
    })
    .optional(),
  input_schema: embeddedJsonSchema.optional(),
  output_schema: embeddedJsonSchema.optional(),
});

export const agentArtifactSchema = z.strictObject({ ...envelopeShape, kind: z.literal('agent'), spec: agentSpecSchema });
