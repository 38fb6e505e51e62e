import { z } from 'zod';
import { conditionSchema } from './conditionSchema';
import { definitionOf } from './definitionBase';

const targetIds = z.array(z.string()).meta({ description: 'task_ids activated when this path is taken.' });

const branchPathSchema = z.object({
  path_id: z.string().min(1),
  condition: conditionSchema.nullish(),
  condition_function: z.string().nullish(),
  target_node_ids: targetIds,
  priority: z.number().int().nullish(),
  description: z.string().nullish(),
});

const evaluationModes = ['first_match', 'all_match', 'priority_match'] as const;

const branchShape = {
  paths: z.array(branchPathSchema).min(1),
  default_path_id: z.string().nullish(),
  evaluation_mode: z.enum(evaluationModes).nullish(),
};

export const branchDefinition = definitionOf('BRANCH', branchShape);

/** Dotted Python path, e.g. `claims.routing.pick_path`. */
const dottedPath = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

export const pythonBranchDefinition = definitionOf('PYTHON_BRANCH', {
  ...branchShape,
  branch_function: z.string().regex(dottedPath, { error: 'must be a dotted Python path such as "pkg.module.fn"' }),
  function_timeout: z.number().int().min(1).nullish(),
});

export const switchDefinition = definitionOf('SWITCH', {
  switch_field: z.string().meta({ description: 'JSONPath of the value to switch on.' }),
  cases: z.record(z.string(), z.array(z.string())).refine((cases) => Object.keys(cases).length > 0, { error: 'must map at least one value to target task_ids' }),
  default_case: z.array(z.string()).nullish(),
});

const mergeStrategies = ['wait_all_active', 'wait_any', 'wait_n', 'wait_all_including_skipped'] as const;

export const mergerDefinition = definitionOf('MERGER_ENHANCED', {
  merge_strategy: z.enum(mergeStrategies).nullish(),
  // Range [1, number of dependencies] is a graph rule (`min-required-range`), not a schema bound.
  min_required: z.number().int().nullish(),
  timeout_seconds: z.number().int().min(1).nullish(),
  merge_function: z.string().nullish(),
});
