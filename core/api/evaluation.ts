import { z } from 'zod';
import { environmentNameSchema } from './environmentName';
import { pageQuerySchema } from './page';

/** An evaluation suite's name, e.g. `claims-routing`. */
export const suiteNameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a suite name such as "claims-routing" (letters, digits, . _ -)');

/** A metric's name, e.g. `accuracy` or `p95_ms`. */
export const metricNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9._-]{0,63}$/, 'a metric name such as "accuracy" or "p95_ms" (a letter, then letters, digits, . _ -)');

/** A record keyed by metric names, each name checked with a message that says which one is wrong. */
export function metricRecord<Value extends z.ZodType>(value: Value) {
  return z.record(z.string(), value).superRefine((record, context) => {
    for (const name of Object.keys(record)) {
      const checked = metricNameSchema.safeParse(name);
      if (!checked.success) context.addIssue({ code: 'custom', path: [name], message: `"${name}" is not ${checked.error.issues[0]?.message ?? 'a metric name'}` });
    }
  });
}

const metricsSchema = metricRecord(z.number({ error: 'a metric value is a number' }))
  .refine((metrics) => Object.keys(metrics).length > 0, 'report at least one metric')
  .refine((metrics) => Object.keys(metrics).length <= 100, 'at most 100 metrics per result');

/**
 * `POST /api/versions/:tag/evaluations`: one run of an evaluation suite against a version, from any harness.
 * `environment` says which environment it ran against (an online evaluation); an offline run leaves it out.
 */
export const evaluationReportSchema = z.strictObject({
  suite: suiteNameSchema,
  metrics: metricsSchema,
  dataset: z.string().trim().min(1).max(200).optional(),
  environment: environmentNameSchema.optional(),
  summary: z.string().max(2000).optional(),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
});

/**
 * A stored evaluation result. `contentHash` is the content hash of the version it was reported for; `latest`
 * marks the result that counts: the newest of its suite and environment (or of its suite without one).
 */
export const evaluationSchema = z.object({
  id: z.string(),
  version: z.string(),
  suite: z.string(),
  metrics: z.record(z.string(), z.number()),
  dataset: z.string().nullable(),
  environment: z.string().nullable(),
  summary: z.string().nullable(),
  url: z.string().nullable(),
  contentHash: z.string(),
  reportedBy: z.string(),
  reportedAt: z.string(),
  latest: z.boolean(),
});

/** One `name=value` as people type a metric (`accuracy=0.93`), or why it is not one. */
export function parseMetricAssignment(text: string): { name: string; value: number } | { error: string } {
  const match = /^([^=]+)=(.*)$/.exec(text.trim());
  if (!match) return { error: `expected name=value, e.g. accuracy=0.93 (got "${text.trim()}")` };
  const name = match[1]!.trim();
  const value = match[2]!.trim();
  if (value === '' || !Number.isFinite(Number(value))) return { error: `the value of ${name} is not a number` };
  return { name, value: Number(value) };
}

/** `GET /api/versions/:tag/evaluations?suite=&limit=&cursor=`: newest first. */
export const evaluationListQuerySchema = pageQuerySchema.extend({ suite: suiteNameSchema.optional() });

export type EvaluationReport = z.infer<typeof evaluationReportSchema>;
export type Evaluation = z.infer<typeof evaluationSchema>;
export type EvaluationListQuery = z.infer<typeof evaluationListQuerySchema>;
