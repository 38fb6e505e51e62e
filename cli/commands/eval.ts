import { resolve } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { evaluationReportSchema, parseMetricAssignment, type Evaluation, type EvaluationReport } from '../../core/api/evaluation';
import type { ForgeCommand } from '../commandLine/forgeCommand';
import { InputError, UsageError } from '../errors';
import { examplesHelp } from '../output/helpExamples';
import { positiveInteger } from '../output/positiveInteger';
import { formatTable } from '../output/table';
import { connect, withConnectionOptions, type ConnectionOptions } from '../service/serviceConnection';
import { readTextFile } from '../workspace/readTextFile';

interface ReportOptions {
  serverUrl: string;
  token?: string;
  suite?: string;
  metric: Metric[];
  from?: string;
  dataset?: string;
  env?: string;
  summary?: string;
  url?: string;
}

type Metric = { name: string; value: number };

interface ListOptions extends ConnectionOptions {
  suite?: string;
  limit: number;
}

/** `forge-release eval report <version> …` and `forge-release eval list <version>`. */
export function registerEvalCommand(program: ForgeCommand): void {
  const evaluation = program.command('eval').description('evaluation results of a version, which the evaluation gate compares with the active version');

  withConnectionOptions(
    evaluation
      .command('report')
      .description('record an evaluation result from any harness; the evaluation gate reads the latest result of each suite')
      .argument('<version>', 'the version tag that was evaluated')
      .option('--suite <name>', 'the evaluation suite, e.g. claims-routing')
      .option('--metric <name=value>', 'a metric and its value, e.g. accuracy=0.93 (repeat for each metric)', collectMetric, [])
      .option(
        '--from <file>',
        'read the result from a JSON file: {suite, metrics: {name: number}, dataset?, environment?, summary?, url?}; flags given as well override its fields',
      )
      .option('--dataset <name>', 'the dataset it ran on')
      .option('--env <name>', 'the environment it ran against (an online evaluation); leave out for an offline run')
      .option('--summary <text>', 'a one-line summary')
      .option('--url <url>', 'where the full results are (http or https)'),
    '--server-url',
  )
    .addHelpText(
      'after',
      examplesHelp(
        [
          'eval report v1.2.0 --suite claims-routing --metric accuracy=0.93 --metric p95_ms=1800',
          'eval report v1.2.0 --from eval-results.json --url "$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID"',
        ],
        'Here --url is the link to the results; the service is --server-url (or FORGE_URL). Exit codes: 0 stored; 1 refused by the\nservice (an unknown version or environment); 2 a bad --metric, a missing --suite or metric, an unreadable or malformed --from file;\n3 the service cannot be reached or refused the token.',
      ),
    )
    .prints('the stored result', async (version: string, options: ReportOptions) => {
      const report = await reportOf(options);
      const stored = await connect({ serverUrl: options.serverUrl, token: options.token }).reportEvaluation(version, report);
      const against = stored.environment ? ` (against ${stored.environment})` : '';
      return { data: stored, text: () => `reported ${stored.suite} for ${stored.version}${against}: ${metricsText(stored.metrics)}\n` };
    });

  withConnectionOptions(
    evaluation
      .command('list')
      .description('the evaluation results of a version, newest first; * marks the results that count')
      .argument('<version>', 'the version tag')
      .option('--suite <name>', 'only this suite')
      .option('--limit <n>', 'how many results (1–500)', positiveInteger, 50),
  )
    .addHelpText('after', examplesHelp(['eval list v1.2.0', 'eval list v1.2.0 --suite claims-routing --json']))
    .prints('the page of results ({items, nextCursor})', async (version: string, options: ListOptions) => {
      const page = await connect(options).listEvaluations(version, { suite: options.suite, limit: options.limit });
      return {
        data: page,
        text: () =>
          formatTable(
            ['', 'SUITE', 'ENVIRONMENT', 'METRICS', 'REPORTED BY', 'AT'],
            page.items.map((item: Evaluation) => [
              item.latest ? '*' : '',
              item.suite,
              item.environment ?? '—',
              metricsText(item.metrics),
              item.reportedBy,
              item.reportedAt,
            ]),
            `no evaluation results for ${version}`,
          ),
      };
    });
}

/** One `--metric name=value`, added to those before it; a malformed or repeated one is a usage error (exit 2). */
function collectMetric(given: string, previous: Metric[]): Metric[] {
  const metric = parseMetricAssignment(given);
  if ('error' in metric) throw new InvalidArgumentError(`${metric.error.replace(/ \(got .*\)$/, '')}.`);
  if (previous.some((entry) => entry.name === metric.name)) throw new InvalidArgumentError(`${metric.name} is given twice.`);
  return [...previous, metric];
}

/** The result to send: the `--from` file (if any) with the flags laid over it, checked against the API contract. */
async function reportOf(options: ReportOptions): Promise<EvaluationReport> {
  const base = options.from ? await readResultFile(options.from) : {};
  const metrics = Object.fromEntries(options.metric.map((entry) => [entry.name, entry.value]));
  const merged = {
    ...base,
    ...(options.suite !== undefined ? { suite: options.suite } : {}),
    ...(options.metric.length > 0 ? { metrics: { ...(base.metrics as object | undefined), ...metrics } } : {}),
    ...(options.dataset !== undefined ? { dataset: options.dataset } : {}),
    ...(options.env !== undefined ? { environment: options.env } : {}),
    ...(options.summary !== undefined ? { summary: options.summary } : {}),
    ...(options.url !== undefined ? { url: options.url } : {}),
  };
  if (merged.suite === undefined) throw new UsageError('give the suite with --suite <name> (or a "suite" in the --from file)');
  if (merged.metrics === undefined) throw new UsageError('give at least one --metric name=value (or "metrics" in the --from file)');
  const checked = evaluationReportSchema.safeParse(merged);
  if (checked.success) return checked.data;
  const issue = checked.error.issues[0];
  const field = issue?.path[0];
  const flag = typeof field === 'string' ? flagFields[field] : undefined;
  const fromFlag = flag !== undefined && (field === 'metrics' ? options.metric.length > 0 : options[flag.slice(2) as keyof ReportOptions] !== undefined);
  const where = fromFlag ? [flag, ...(issue?.path.slice(1) ?? [])].map(String).join(' ') : [options.from, issue?.path.map(String).join('.')].filter(Boolean).join(': ');
  const message = `${where || 'the result'}: ${issue?.message ?? 'invalid'}`;
  throw fromFlag || !options.from ? new UsageError(message) : new InputError(message);
}

/** The flag that sets each field of the result, for errors about it. */
const flagFields: Record<string, string> = { suite: '--suite', metrics: '--metric', dataset: '--dataset', environment: '--env', summary: '--summary', url: '--url' };

async function readResultFile(path: string): Promise<Record<string, unknown>> {
  const text = await readTextFile(resolve(path), path);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${path} is not JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new InputError(`${path} must hold one JSON object: {suite, metrics: {name: number}, …}`);
  return parsed as Record<string, unknown>;
}

function metricsText(metrics: Record<string, number>): string {
  return Object.entries(metrics)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
}
