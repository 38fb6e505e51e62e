import * as vscode from 'vscode';
import { evaluationReportSchema, parseMetricAssignment, type Evaluation, type EvaluationReport } from '../../core/api/evaluation';
import type { Environment } from '../../core/api/environment';
import { requirementBoundsText } from '../../core/gates/evaluationGate';
import type { ForgeLog } from '../logging';
import type { ForgeConnection, ForgeSession } from '../session/forgeSession';
import type { ReleaseUpdates } from '../session/releaseUpdates';
import { reportRefusal } from './fixingActions';
import { pickVersion } from './pickers';

const reportEvaluationCommand = 'forge.reportEvaluation';

/** A result given directly (scripts, tests, a pipeline cell): the questions it answers are skipped. */
interface EvaluationArgument {
  version?: string;
  suite?: string;
  metrics?: Record<string, number>;
  dataset?: string;
  environment?: string;
  summary?: string;
}

/** A suite some environment's evaluation gate requires, with what it requires. */
interface RequiredSuite {
  suite: string;
  metrics: string[];
  requiredBy: string[];
  bounds: string;
}

/**
 * "Forge: Report Evaluation…": records an evaluation result for a version from a local run — typed metrics, or a
 * results file in the shape `forge-release eval report --from` reads — which the `evaluation` gate compares with
 * the active version. Offers the suites the environments require first, with their metrics. Resolves with the
 * stored result, or undefined.
 */
export function registerReportEvaluation(session: ForgeSession, updates: ReleaseUpdates, log: ForgeLog): vscode.Disposable {
  return vscode.commands.registerCommand(reportEvaluationCommand, async (given: EvaluationArgument = {}) => {
    const connection = session.connection;
    try {
      const current = session.require();
      const version = given.version ?? (await pickVersion(current, 'Forge: Report Evaluation — version'));
      if (!version) return undefined;
      const report = await askForResult(current, version, given);
      if (!report) return undefined;
      const stored = await current.client.reportEvaluation(version, report);
      log.info(`reported ${stored.suite} for ${version}: ${metricsText(stored)}`);
      vscode.window.setStatusBarMessage(`$(beaker) Forge: ${stored.suite} reported for ${version} (${metricsText(stored)})`, 10_000);
      updates.poke();
      return stored;
    } catch (error) {
      await reportRefusal('Reporting the evaluation failed', error, connection, log, { version: given.version });
      return undefined;
    }
  });
}

/** The result to report: the argument's fields, then a suite and its metrics asked for (or read from a file). */
async function askForResult(connection: ForgeConnection, version: string, given: EvaluationArgument): Promise<EvaluationReport | undefined> {
  const required = requiredSuites(await connection.client.listEnvironments());
  const { version: _version, ...fields } = given;
  let draft: Partial<EvaluationReport> = fields;
  if (!draft.suite) {
    const picked = await pickSuite(connection, version, required);
    if (!picked?.suite) return undefined;
    // What the caller gave wins over a results file.
    draft = { ...picked, ...fields, suite: picked.suite };
  }
  if (!draft.suite) return undefined;
  if (!draft.metrics) {
    const metrics = await askForMetrics(
      version,
      draft.suite,
      required.find((suite) => suite.suite === draft.suite),
    );
    if (!metrics) return undefined;
    draft.metrics = metrics;
  }
  const checked = evaluationReportSchema.safeParse(draft);
  if (!checked.success) throw new Error(`the result does not fit the API: ${checked.error.issues[0]?.path.join('.') || 'result'}: ${checked.error.issues[0]?.message}`);
  return checked.data;
}

/** The suites the environments' evaluation gates require, each with its metrics and the environments requiring it. */
function requiredSuites(environments: readonly Environment[]): RequiredSuite[] {
  const suites = new Map<string, RequiredSuite>();
  for (const environment of environments) {
    for (const requirement of environment.gates.evaluation ?? []) {
      const known = suites.get(requirement.suite);
      const metrics = [...new Set([...(known?.metrics ?? []), ...Object.keys(requirement.metrics)])];
      const bounds = requirementBoundsText(requirement);
      suites.set(requirement.suite, { suite: requirement.suite, metrics, requiredBy: [...(known?.requiredBy ?? []), environment.name], bounds: known?.bounds ?? bounds });
    }
  }
  return [...suites.values()];
}

/** The suite: one the environments require, one reported before, another typed, or a results file. */
async function pickSuite(connection: ForgeConnection, version: string, required: readonly RequiredSuite[]): Promise<Partial<EvaluationReport> | undefined> {
  const reported = (await connection.client.listEvaluations(version, { limit: 100 })).items.filter((evaluation) => evaluation.latest);
  const names = [...new Set([...required.map((suite) => suite.suite), ...reported.map((evaluation) => evaluation.suite)])];
  const another = '$(edit) Another suite…';
  const fromFile = '$(file) From a results file…';
  const items: vscode.QuickPickItem[] = [
    ...names.map((name) => {
      const requirement = required.find((suite) => suite.suite === name);
      const last = reported.find((evaluation) => evaluation.suite === name);
      return {
        label: name,
        description: requirement ? `required by ${requirement.requiredBy.join(', ')}: ${requirement.bounds}` : undefined,
        detail: last ? `last reported: ${metricsText(last)} by ${last.reportedBy}` : `not reported for ${version} yet`,
      };
    }),
    { label: another },
    { label: fromFile, detail: 'a JSON file {suite, metrics: {name: number}, dataset?, environment?, summary?, url?}, as forge-release eval report --from reads it' },
  ];
  const choice = await vscode.window.showQuickPick(items, { title: `Forge: Report Evaluation for ${version} — which suite`, placeHolder: 'Evaluation suite' });
  if (!choice) return undefined;
  if (choice.label === fromFile) return readResultFile();
  if (choice.label !== another) return { suite: choice.label };
  const typed = await vscode.window.showInputBox({
    title: `Forge: Report Evaluation for ${version}`,
    prompt: 'Suite name, e.g. claims-routing',
    ignoreFocusOut: true,
    validateInput: (value) => (/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(value.trim()) ? undefined : 'Letters, digits and . _ - (e.g. claims-routing)'),
  });
  return typed ? { suite: typed.trim() } : undefined;
}

/** `accuracy=0.93 p95_ms=1800`, typed; the required metrics are filled in as a start. */
async function askForMetrics(version: string, suite: string, requirement: RequiredSuite | undefined): Promise<Record<string, number> | undefined> {
  const text = await vscode.window.showInputBox({
    title: `Forge: ${suite} for ${version} — metrics`,
    prompt: `Each metric as name=value, separated by spaces or commas${requirement ? ` (required: ${requirement.bounds})` : ''}`,
    value: requirement ? requirement.metrics.map((name) => `${name}=`).join(' ') : '',
    ignoreFocusOut: true,
    validateInput: (value) => {
      const parsed = parseMetricList(value);
      if ('error' in parsed) return parsed.error;
      const missing = requirement?.metrics.filter((name) => !(name in parsed.metrics)) ?? [];
      return missing.length > 0
        ? {
            message: `${requirement?.requiredBy.join(', ')} also require${requirement?.requiredBy.length === 1 ? 's' : ''} ${missing.join(', ')}`,
            severity: vscode.InputBoxValidationSeverity.Warning,
          }
        : undefined;
    },
  });
  if (text === undefined) return undefined;
  const parsed = parseMetricList(text);
  return 'error' in parsed ? undefined : parsed.metrics;
}

/** Metrics typed as `name=value` pairs separated by spaces or commas. */
function parseMetricList(text: string): { metrics: Record<string, number> } | { error: string } {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  if (parts.length === 0) return { error: 'Give at least one metric, e.g. accuracy=0.93' };
  const metrics: Record<string, number> = {};
  for (const part of parts) {
    const metric = parseMetricAssignment(part);
    if ('error' in metric) return { error: metric.error };
    if (metric.name in metrics) return { error: `${metric.name} is given twice` };
    metrics[metric.name] = metric.value;
  }
  return { metrics };
}

async function readResultFile(): Promise<Partial<EvaluationReport> | undefined> {
  const [file] = (await vscode.window.showOpenDialog({ title: 'Evaluation results (JSON)', canSelectMany: false, filters: { 'Evaluation results': ['json'] } })) ?? [];
  if (!file) return undefined;
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${vscode.workspace.asRelativePath(file)} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const checked = evaluationReportSchema.safeParse(parsed);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new Error(`${vscode.workspace.asRelativePath(file)}: ${issue?.path.join('.') || 'result'}: ${issue?.message}`);
  }
  return checked.data;
}

function metricsText(evaluation: Pick<Evaluation, 'metrics'>): string {
  return Object.entries(evaluation.metrics)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
}
