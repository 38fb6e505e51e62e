import { z } from 'zod';
import { definitionOf, paramsSchema, probabilitySchema } from './definitionBase';

const guardrailMetricTypes = [
  'faithfulness', 'relevance', 'json_schema', 'regex_match', 'length_check', 'contains_keywords', 'llm_judge', 'executor',
] as const;

const guardrailMetricSchema = z.object({
  type: z.enum(guardrailMetricTypes),
  name: z.string().refine((name) => name.trim() !== '', { error: 'must not be blank' }),
  weight: z.number().min(0).max(10).optional(),
  threshold: probabilitySchema.optional(),
  params: paramsSchema.optional(),
});

const guardrailPathSchema = z.object({
  path_id: z.enum(['pass', 'fail']),
  target_node_ids: z.array(z.string()).optional(),
  description: z.string().optional(),
});

export const guardrailDefinition = definitionOf('GUARDRAIL', {
  input_source: z.string().optional().meta({ description: 'JSONPath of the data to evaluate, e.g. $.nodes.<task_id>.output' }),
  context_source: z.string().optional(),
  query_source: z.string().optional(),
  metrics: z.array(guardrailMetricSchema).optional(),
  aggregation_mode: z.enum(['all', 'any', 'weighted_average']).optional(),
  pass_threshold: probabilitySchema.optional(),
  paths: z.array(guardrailPathSchema).refine(
    (paths) => paths.length === 2 && paths.some((p) => p.path_id === 'pass') && paths.some((p) => p.path_id === 'fail'),
    { error: 'must be exactly two paths, "pass" and "fail"' },
  ),
  fail_fast: z.boolean().optional(),
  include_feedback: z.boolean().optional(),
  evaluation_timeout: z.number().int().min(1).max(300).optional(),
});
