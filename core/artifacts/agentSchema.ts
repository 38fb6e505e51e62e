import { z } from 'zod';
import { envelopeShape } from './envelopeSchema';
import { embeddedJsonSchema } from './jsonSchemaValue';

const agentSpecSchema = z.strictObject({
  model: z.strictObject({
    connection: z.string().min(1),
    name: z.string().min(1),
    temperature: z.number().min(0).max(2).nullish(),
    max_tokens: z.number().int().min(1).nullish(),
  }),
  system_prompt: z.string(),
  tools: z.array(z.strictObject({ name: z.string().min(1), config: z.record(z.string(), z.unknown()).nullish() })).nullish(),
  skills: z.array(z.unknown()).nullish(),
  limits: z
    .strictObject({
      max_iterations: z.number().int().min(1).nullish(),
      timeout_seconds: z.number().int().min(1).max(3600).nullish(),
    })
    .nullish(),
  input_schema: embeddedJsonSchema.nullish(),
  output_schema: embeddedJsonSchema.nullish(),
});

export const agentArtifactSchema = z.looseObject({ ...envelopeShape, kind: z.literal('agent'), spec: agentSpecSchema });
