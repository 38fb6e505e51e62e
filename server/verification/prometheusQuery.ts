import { z } from 'zod';
import type { QueryOutcome, Sample } from '../../core/verification/judgeCheck';

const sampleValue = z.tuple([z.number(), z.string()]);

// The standard Prometheus HTTP API answer (Prometheus, Thanos, Mimir and VictoriaMetrics all give it).
const answerSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('success'),
    data: z.discriminatedUnion('resultType', [
      z.object({ resultType: z.literal('vector'), result: z.array(z.object({ metric: z.record(z.string(), z.string()), value: sampleValue })) }),
      z.object({ resultType: z.literal('scalar'), result: sampleValue }),
      z.object({ resultType: z.literal('matrix'), result: z.array(z.unknown()) }),
      z.object({ resultType: z.literal('string'), result: z.unknown() }),
    ]),
  }),
  z.object({ status: z.literal('error'), errorType: z.string().optional(), error: z.string().optional() }),
]);

/**
 * Runs an instant query (`POST <baseUrl>/api/v1/query`, evaluated at the server's now) and returns its samples,
 * or why there are none to judge: unreachable, too slow, refused, or an answer that is not an instant vector or
 * a scalar. Never throws.
 */
export async function queryPrometheus(baseUrl: string, query: string, timeoutMs: number): Promise<QueryOutcome> {
  const endpoint = `${baseUrl.replace(/\/+$/, '')}/api/v1/query`;
  let response: Response;
  let text: string;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ query }).toString(),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    return { kind: 'unavailable', detail: unreachable(endpoint, error, timeoutMs) };
  }
  let answer: z.infer<typeof answerSchema>;
  try {
    answer = answerSchema.parse(JSON.parse(text));
  } catch {
    return { kind: 'unavailable', detail: `${endpoint} answered ${response.status} without a Prometheus API answer` };
  }
  if (answer.status === 'error') {
    return {
      kind: 'unavailable',
      detail: `Prometheus refused the query (${response.status}${answer.errorType ? ` ${answer.errorType}` : ''}): ${answer.error ?? 'no reason given'}`,
    };
  }
  const { data } = answer;
  if (data.resultType === 'vector') return { kind: 'samples', samples: data.result.map((series): Sample => ({ labels: series.metric, value: series.value[1] })) };
  if (data.resultType === 'scalar') return { kind: 'samples', samples: [{ labels: {}, value: data.result[1] }] };
  return { kind: 'unavailable', detail: `the query returns a ${data.resultType === 'matrix' ? 'range vector' : 'string'}: it must give an instant vector or a scalar` };
}

function unreachable(endpoint: string, error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') return `${endpoint} did not answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return `${endpoint} is unreachable: ${cause?.code ?? cause?.message ?? (error as Error).message}`;
}
