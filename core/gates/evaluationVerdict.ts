import { z } from 'zod';

/**
 * One metric of the `evaluation` gate's verdict, as the approval panel's table shows it: the candidate's value,
 * the value of the version active in the environment (null when there is none or it was not reported), their
 * difference, the bound in words and whether it holds.
 */
export const evaluationMetricVerdictSchema = z.object({
  suite: z.string(),
  metric: z.string(),
  candidate: z.number().nullable(),
  active: z.number().nullable(),
  delta: z.number().nullable(),
  bound: z.string(),
  passed: z.boolean(),
  reason: z.string(),
});

/** The `evaluation` gate's table: the version judged, the version it was compared with, one row per metric. */
export const evaluationVerdictSchema = z.object({
  version: z.string(),
  activeVersion: z.string().nullable(),
  metrics: z.array(evaluationMetricVerdictSchema),
});

export type EvaluationMetricVerdict = z.infer<typeof evaluationMetricVerdictSchema>;
export type EvaluationVerdict = z.infer<typeof evaluationVerdictSchema>;
