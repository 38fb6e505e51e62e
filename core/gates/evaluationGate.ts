import { z } from 'zod';
import { environmentNameSchema } from '../api/environmentName';
import { metricRecord, suiteNameSchema } from '../api/evaluation';
import type { EvaluationMetricVerdict } from './evaluationVerdict';
import type { GateResult } from './gateResult';

/**
 * The bounds of one metric: absolute (`min`, `max`) and relative to the same suite's result for the version
 * active in the environment (`maxDrop`: how far below it may fall, `maxRise`: how far above it may climb), in the
 * metric's own unit.
 */
export const metricBoundsSchema = z
  .strictObject({
    min: z.number().optional(),
    max: z.number().optional(),
    maxDrop: z.number().min(0, "maxDrop is an amount in the metric's unit, 0 or more").optional(),
    maxRise: z.number().min(0, "maxRise is an amount in the metric's unit, 0 or more").optional(),
  })
  .refine((bounds) => Object.values(bounds).some((bound) => bound !== undefined), 'give the metric at least one bound: min, max, maxDrop or maxRise')
  .refine((bounds) => bounds.min === undefined || bounds.max === undefined || bounds.min <= bounds.max, 'min is above max: no value could pass');

/** One suite an environment requires: the metrics it checks, and optionally the environment whose results count. */
export const suiteRequirementSchema = z.strictObject({
  suite: suiteNameSchema,
  metrics: metricRecord(metricBoundsSchema)
    .refine((metrics) => Object.keys(metrics).length > 0, 'name at least one metric with its bounds')
    .refine((metrics) => Object.keys(metrics).length <= 50, 'at most 50 metrics per suite'),
  /** Only results reported for this environment count (an online evaluation); default: any result of the suite. */
  environment: environmentNameSchema.optional(),
});

/** `gates.evaluation` of an environment: the suites whose latest results must be within their bounds. */
export const evaluationGateConfigSchema = z
  .array(suiteRequirementSchema)
  .max(20)
  .superRefine((suites, context) => {
    const seen = new Set<string>();
    suites.forEach((requirement, index) => {
      const key = `${requirement.suite}@${requirement.environment ?? ''}`;
      if (seen.has(key)) context.addIssue({ code: 'custom', path: [index, 'suite'], message: `suite "${requirement.suite}" is listed twice` });
      seen.add(key);
    });
  });

export type MetricBounds = z.infer<typeof metricBoundsSchema>;
export type SuiteRequirement = z.infer<typeof suiteRequirementSchema>;

/** A reported result as the gate reads it. */
export interface EvaluationResultInput {
  suite: string;
  environment: string | null;
  metrics: Readonly<Record<string, number>>;
}

/** A version and its results in the order they were reported (the last of a suite counts). */
export interface EvaluatedVersion {
  tag: string;
  results: readonly EvaluationResultInput[];
}

/** What the gate judges: the candidate, the version active in the environment now (null: none yet), and the environment. */
export interface EvaluationGateInput {
  requirements: readonly SuiteRequirement[];
  candidate: EvaluatedVersion;
  active: EvaluatedVersion | null;
  environment: string;
}

/** The result of a suite that counts for a requirement: the last one reported (for its environment, when named). */
export function countingResult(
  results: readonly EvaluationResultInput[],
  requirement: Pick<SuiteRequirement, 'suite' | 'environment'>,
): EvaluationResultInput | undefined {
  return results.findLast((result) => result.suite === requirement.suite && (requirement.environment === undefined || result.environment === requirement.environment));
}

/**
 * Passes when, for each required suite, the latest result reported for the candidate has every named metric
 * within its absolute bounds and within `maxDrop` / `maxRise` of the same suite's result for the version active
 * in the environment. A missing result (of the candidate, or of the active version where a relative bound needs
 * it) fails the gate with the command that reports it. The verdict carries one table row per metric.
 */
export function evaluateEvaluationGate({ requirements, candidate, active, environment }: EvaluationGateInput): GateResult {
  const rows: EvaluationMetricVerdict[] = [];
  const problems: string[] = [];
  for (const requirement of requirements) {
    const result = countingResult(candidate.results, requirement);
    const baseline = active ? countingResult(active.results, requirement) : undefined;
    const names = Object.keys(requirement.metrics);
    const unreported = names.filter((name) => result?.metrics[name] === undefined);
    if (unreported.length > 0) {
      const what = result ? `${requirement.suite} result for ${candidate.tag} has no ${unreported.join(', ')}` : `${requirement.suite} not reported for ${candidate.tag}`;
      problems.push(`${what}: report it with ${reportCommand(candidate.tag, requirement, names)}`);
    }
    const noBaseline = active ? names.filter((name) => isRelative(requirement.metrics[name]!) && baseline?.metrics[name] === undefined) : [];
    if (active && noBaseline.length > 0) {
      const what = baseline ? `${requirement.suite} result for ${active.tag} has no ${noBaseline.join(', ')}` : `${requirement.suite} not reported for ${active.tag}`;
      problems.push(
        `${what}, the version active in ${environment}, so ${noBaseline.join(', ')} cannot be compared with it: ` +
          `report it with ${reportCommand(active.tag, requirement, noBaseline)}`,
      );
    }
    for (const name of names) {
      const { row, failures } = metricRow(requirement.suite, name, requirement.metrics[name]!, result?.metrics[name], baseline?.metrics[name], active, environment);
      rows.push(row);
      problems.push(...failures.map((failure) => `${requirement.suite}: ${failure}`));
    }
  }
  const evaluation = { version: candidate.tag, activeVersion: active?.tag ?? null, metrics: rows };
  if (requirements.length === 0) return { gate: 'evaluation', passed: true, reason: 'no evaluation suites are required', evaluation };
  if (problems.length === 0) {
    const against = active ? ` against ${active.tag}` : ` (nothing active in ${environment} to compare against)`;
    return {
      gate: 'evaluation',
      passed: true,
      reason: `${rows.length} metric${rows.length === 1 ? '' : 's'} within bounds${against}: ${rows.map(rowSummary).join(', ')}`,
      evaluation,
    };
  }
  return { gate: 'evaluation', passed: false, reason: problems.join('; '), evaluation };
}

/**
 * One metric's row, and the bounds its value breaks (a missing value or baseline is not a broken bound: the
 * caller says once per suite what to report).
 */
function metricRow(
  suite: string,
  metric: string,
  bounds: MetricBounds,
  value: number | undefined,
  baseline: number | undefined,
  active: EvaluatedVersion | null,
  environment: string,
): { row: EvaluationMetricVerdict; failures: string[] } {
  const row = {
    suite,
    metric,
    candidate: value ?? null,
    active: baseline ?? null,
    delta: value !== undefined && baseline !== undefined ? tidy(value - baseline) : null,
    bound: boundText(bounds),
  };
  if (value === undefined) return { row: { ...row, passed: false, reason: 'not reported' }, failures: [] };
  const failures: string[] = [];
  if (bounds.min !== undefined && below(value, bounds.min)) failures.push(`${metric} ${show(value)} is below the minimum ${show(bounds.min)}`);
  if (bounds.max !== undefined && below(bounds.max, value)) failures.push(`${metric} ${show(value)} is above the maximum ${show(bounds.max)}`);
  const missingBaseline = active !== null && isRelative(bounds) && baseline === undefined;
  if (active !== null && baseline !== undefined) {
    const from = `${show(baseline)} (${active.tag}, active in ${environment})`;
    if (bounds.maxDrop !== undefined && below(value + bounds.maxDrop, baseline)) {
      failures.push(`${metric} dropped ${show(baseline - value)} from ${from}, more than maxDrop ${show(bounds.maxDrop)}`);
    }
    if (bounds.maxRise !== undefined && below(baseline + bounds.maxRise, value)) {
      failures.push(`${metric} rose ${show(value - baseline)} from ${from}, more than maxRise ${show(bounds.maxRise)}`);
    }
  }
  const reasons = [...failures, ...(missingBaseline ? [`no result of ${active.tag} to compare with`] : [])];
  const passed = reasons.length === 0;
  return { row: { ...row, passed, reason: passed ? 'within bounds' : reasons.join('; ') }, failures };
}

function isRelative(bounds: MetricBounds): boolean {
  return bounds.maxDrop !== undefined || bounds.maxRise !== undefined;
}

/** `a < b`, ignoring the last bits floating point loses (0.93 − 0.91 is not more than 0.02). */
function below(a: number, b: number): boolean {
  return a < b - 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** A number without floating point noise: 0.08000000000000007 → 0.08. */
function tidy(value: number): number {
  return Number(value.toPrecision(12));
}

function show(value: number): string {
  return String(Number(value.toPrecision(6)));
}

function signed(value: number): string {
  return value > 0 ? `+${show(value)}` : show(value);
}

/** `≥ 0.9, drop ≤ 0.02`: the bounds of a metric as the table shows them. */
export function boundText(bounds: MetricBounds): string {
  return [
    bounds.min !== undefined ? `≥ ${show(bounds.min)}` : null,
    bounds.max !== undefined ? `≤ ${show(bounds.max)}` : null,
    bounds.maxDrop !== undefined ? `drop ≤ ${show(bounds.maxDrop)}` : null,
    bounds.maxRise !== undefined ? `rise ≤ ${show(bounds.maxRise)}` : null,
  ]
    .filter((part) => part !== null)
    .join(', ');
}

/** `accuracy ≥ 0.9, drop ≤ 0.02; misrouted ≤ 4`: every metric a suite requirement bounds, with its bounds. */
export function requirementBoundsText(requirement: Pick<SuiteRequirement, 'metrics'>): string {
  return Object.entries(requirement.metrics)
    .map(([name, bounds]) => `${name} ${boundText(bounds)}`)
    .join('; ');
}

function rowSummary(row: EvaluationMetricVerdict): string {
  const value = `${row.suite} ${row.metric} ${show(row.candidate ?? 0)}`;
  return row.delta === null ? value : `${value} (${signed(row.delta)})`;
}

/** The command line that reports what is missing, with a placeholder per metric. */
function reportCommand(tag: string, requirement: Pick<SuiteRequirement, 'suite' | 'environment'>, metrics: readonly string[]): string {
  const environment = requirement.environment ? ` --env ${requirement.environment}` : '';
  return `forge-release eval report ${tag} --suite ${requirement.suite}${environment}${metrics.map((name) => ` --metric ${name}=<value>`).join('')}`;
}
