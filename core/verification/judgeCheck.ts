import type { VerificationCheck, VerificationMetric } from '../api/verification';

/** One sample of an instant query's answer: its labels and its value as Prometheus wrote it ("0.05", "NaN", "+Inf"). */
export interface Sample {
  labels: Record<string, string>;
  value: string;
}

/** What asking Prometheus gave: samples (perhaps none), or why there was no answer to judge. */
export type QueryOutcome = { kind: 'samples'; samples: readonly Sample[] } | { kind: 'unavailable'; detail: string };

/** A check as judged, before it is stamped with its time. */
export type JudgedCheck = Omit<VerificationCheck, 'at'>;

/**
 * Judges one metric from one query: with several samples (one per planner, say) the worst decides — the
 * highest against a max, the lowest against a min, any breaching one first. No sample, only NaN (a ratio of
 * nothing) or no answer at all is inconclusive, never a pass.
 */
export function judgeCheck(metric: VerificationMetric, outcome: QueryOutcome): JudgedCheck {
  const bound = describeBound(metric);
  const base = { metric: metric.name, bound, series: null };
  if (outcome.kind === 'unavailable') return { ...base, value: null, verdict: 'inconclusive', detail: outcome.detail };
  const numbers = outcome.samples.map((sample) => ({ labels: sample.labels, value: sampleNumber(sample.value) })).filter((sample) => !Number.isNaN(sample.value));
  if (numbers.length === 0) {
    const detail = outcome.samples.length === 0 ? 'the query returned no sample' : 'the query returned only NaN (nothing to compute it from)';
    return { ...base, value: null, verdict: 'inconclusive', detail };
  }
  const breaching = numbers.filter((sample) => breaches(metric, sample.value));
  const candidates = breaching.length > 0 ? breaching : numbers;
  const worst = candidates.reduce((a, b) => (severity(metric, b.value) > severity(metric, a.value) ? b : a));
  return {
    ...base,
    series: seriesText(worst.labels),
    value: Number.isFinite(worst.value) ? worst.value : null,
    verdict: breaching.length > 0 ? 'breach' : 'pass',
    detail: Number.isFinite(worst.value) ? null : `the value is ${worst.value > 0 ? '+Inf' : '-Inf'}`,
  };
}

/** `max 0.05`, `min 0.9`, or `min 0.9, max 1`. */
export function describeBound(metric: Pick<VerificationMetric, 'min' | 'max'>): string {
  const parts: string[] = [];
  if (metric.min !== undefined) parts.push(`min ${metric.min}`);
  if (metric.max !== undefined) parts.push(`max ${metric.max}`);
  return parts.join(', ');
}

/**
 * The sentence a breach is reported with, naming the metric, its value and the bound: `job-failure-ratio was
 * 0.12 (planner="claims-intake"), above its max 0.05`.
 */
export function describeBreach(metric: Pick<VerificationMetric, 'name' | 'min' | 'max'>, check: Pick<VerificationCheck, 'value' | 'series' | 'detail'>): string {
  // An infinite value has no JSON number: the check keeps it as null with its detail.
  const value = check.value ?? (check.detail?.includes('-Inf') ? -Infinity : Infinity);
  const text = Number.isFinite(value) ? String(roundForText(value)) : value > 0 ? '+Inf' : '-Inf';
  const series = check.series ? ` ${check.series}` : '';
  const side = metric.max !== undefined && value > metric.max ? `above its max ${metric.max}` : `below its min ${metric.min}`;
  return `${metric.name} was ${text}${series}, ${side}`;
}

/** A sample value as Prometheus writes it: a float, `NaN`, `+Inf` or `-Inf` (which JavaScript's Number reads as NaN). */
function sampleNumber(text: string): number {
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

function breaches(metric: VerificationMetric, value: number): boolean {
  return (metric.max !== undefined && value > metric.max) || (metric.min !== undefined && value < metric.min);
}

/** How close to (or beyond) its bound a value is; higher is worse. */
function severity(metric: VerificationMetric, value: number): number {
  if (metric.max !== undefined && metric.min !== undefined) return Math.max(value - metric.max, metric.min - value);
  return metric.max !== undefined ? value : -value;
}

/** `{planner="claims-intake"}`: the labels that tell the judged sample apart (null when it has none). */
function seriesText(labels: Record<string, string>): string | null {
  const shown = Object.entries(labels)
    .filter(([name]) => name !== '__name__')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return shown.length === 0 ? null : `{${shown.map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(', ')}}`;
}

/** Six significant digits: enough to read a ratio or a latency, without float noise. */
function roundForText(value: number): number {
  return Number(value.toPrecision(6));
}
