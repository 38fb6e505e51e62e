import { z } from 'zod';
import { queryPlaceholders, unknownPlaceholders } from '../verification/queryPlaceholders';

/** The most checks one window may run per metric: bounds the rows and the size of a release's answer. */
export const maxEvaluationsPerWindow = 120;

const metricNameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a metric name such as "job-failure-ratio"');

const boundSchema = z.number().refine(Number.isFinite, 'a finite number');

const querySchema = z
  .string()
  .trim()
  .min(1, 'a PromQL query')
  .max(4000)
  .superRefine((query, context) => {
    for (const name of unknownPlaceholders(query)) {
      context.addIssue({
        code: 'custom',
        message: `unknown placeholder {{${name}}}: use ${queryPlaceholders.map((known) => `{{${known}}}`).join(', ')}`,
      });
    }
  });

/** One metric a verification window watches: a PromQL query and the bounds its value must stay within. */
export const verificationMetricSchema = z
  .strictObject({
    name: metricNameSchema,
    query: querySchema,
    max: boundSchema.optional(),
    min: boundSchema.optional(),
  })
  .refine((metric) => metric.max !== undefined || metric.min !== undefined, { message: 'give max, min or both: the bound the value must stay within' })
  .refine((metric) => metric.max === undefined || metric.min === undefined || metric.min <= metric.max, {
    message: 'min must not be above max',
    path: ['min'],
  });

// A URL whose credentials would show in every answer that returns the environment.
const prometheusUrlSchema = z
  .url({ protocol: /^https?$/, error: 'the base URL of a Prometheus HTTP API (http or https), e.g. http://prometheus:9090' })
  .max(2000)
  .refine((url) => !urlOf(url)?.username && !urlOf(url)?.password, 'must not carry a user name or password: the URL is shown to everyone who reads the environment')
  .refine((url) => !urlOf(url)?.search && !urlOf(url)?.hash, 'the base URL only, without a query or fragment: /api/v1/query is appended to it');

function urlOf(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/**
 * `verification` of `PUT /api/environments/:name`: after each succeeded deploy or promotion the service queries
 * every metric at `<prometheusUrl>/api/v1/query` every `intervalSeconds` for `windowSeconds`. A value beyond its
 * bound fails the window; `onFailure: "rollback"` then rolls the environment back to the previous version at once,
 * `"alert"` only records and streams the breach.
 */
export const verificationConfigSchema = z
  .strictObject({
    prometheusUrl: prometheusUrlSchema,
    windowSeconds: z.number().int().min(1).max(86_400),
    intervalSeconds: z.number().int().min(1).max(3_600),
    metrics: z
      .array(verificationMetricSchema)
      .min(1, 'name at least one metric to watch')
      .max(10)
      .refine((metrics) => new Set(metrics.map((metric) => metric.name)).size === metrics.length, 'each metric name once'),
    onFailure: z.enum(['rollback', 'alert']),
  })
  .refine((config) => config.intervalSeconds <= config.windowSeconds, { message: 'must not be longer than windowSeconds', path: ['intervalSeconds'] })
  .refine((config) => Math.ceil(config.windowSeconds / config.intervalSeconds) <= maxEvaluationsPerWindow, {
    message: `a window may check each metric at most ${maxEvaluationsPerWindow} times: make intervalSeconds at least windowSeconds / ${maxEvaluationsPerWindow}`,
    path: ['intervalSeconds'],
  });

export const verificationStates = ['running', 'passed', 'failed', 'inconclusive'] as const;
export const checkVerdicts = ['pass', 'breach', 'inconclusive'] as const;

/**
 * One metric checked once: its value (null when there was none: no sample, NaN, Prometheus unreachable), the
 * bound it was held to (`max 0.05`, `min 0.9`, `min 0.9, max 1`), the verdict and when. `series` names the
 * labels of the sample judged when the query returned several (the worst one); `detail` says why a check
 * was inconclusive.
 */
export const verificationCheckSchema = z.object({
  metric: z.string(),
  value: z.number().nullable(),
  bound: z.string(),
  verdict: z.enum(checkVerdicts),
  at: z.string(),
  series: z.string().nullable(),
  detail: z.string().nullable(),
});

/**
 * A release's verification window: `running` until `until`, then `passed` (every check within its bounds),
 * `failed` (a metric breached: the window ends at once) or `inconclusive` (a check had no value, or a later
 * release ended the window early: never passed). `reason` says how it ended; `rollbackReleaseId` names the
 * automatic rollback a failure started.
 */
export const releaseVerificationSchema = z.object({
  state: z.enum(verificationStates),
  startedAt: z.string(),
  until: z.string(),
  intervalSeconds: z.number().int(),
  onFailure: z.enum(['rollback', 'alert']),
  finishedAt: z.string().nullable(),
  reason: z.string().nullable(),
  rollbackReleaseId: z.string().nullable(),
  checks: z.array(verificationCheckSchema),
});

export type VerificationConfig = z.infer<typeof verificationConfigSchema>;
export type VerificationMetric = z.infer<typeof verificationMetricSchema>;
export type VerificationState = (typeof verificationStates)[number];
export type CheckVerdict = (typeof checkVerdicts)[number];
export type VerificationCheck = z.infer<typeof verificationCheckSchema>;
export type ReleaseVerification = z.infer<typeof releaseVerificationSchema>;
