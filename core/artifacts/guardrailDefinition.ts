import { z } from 'zod';
import { definitionOf, paramsSchema, probabilitySchema } from './definitionBase';

const guardrailMetricTypes = ['faithfulness', 'relevance', 'json_schema', 'regex_match', 'length_check', 'contains_keywords', 'llm_judge', 'executor'] as const;

const guardrailMetricSchema = z.object({
  type: z.enum(guardrailMetricTypes),
  name: z.string().refine((name) => name.trim() !== '', { error: 'must not be blank' }),
  weight: z.number().min(0).max(10).nullish(),
  threshold: probabilitySchema.nullish(),
  params: paramsSchema.nullish(),
});

const guardrailPathSchema = z.object({
  path_id: z.enum(['pass', 'fail']),
  target_node_ids: z.array(z.string()).nullish(),
  description: z.string().nullish(),
});

export const guardrailDefinition = definitionOf('GUARDRAIL', {
  input_source: z.string().nullish().meta({ description: 'JSONPath of the data to evaluate, e.g. $.nodes.<task_id>.output' }),
  context_source: z.string().nullish(),
  query_source: z.string().nullish(),
  metrics: z.array(guardrailMetricSchema).nullish(),
  aggregation_mode: z.enum(['all', 'any', 'weighted_average']).nullish(),
  pass_threshold: probabilitySchema.nullish(),
  paths: z.array(guardrailPathSchema).refine((paths) => paths.length === 2 && paths.some((p) => p.path_id === 'pass') && paths.some((p) => p.path_id === 'fail'), {
    error: 'must be exactly two paths, "pass" and "fail"',
  }),
  fail_fast: z.boolean().nullish(),
  include_feedback: z.boolean().nullish(),
  evaluation_timeout: z.number().int().min(1).max(300).nullish(),
});
