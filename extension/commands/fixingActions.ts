import * as vscode from 'vscode';
import { failedGatesOf, ForgeApiError } from '../../client/forgeApiError';
import type { GateResult } from '../../core/gates/gateResult';
import type { ForgeLog } from '../logging';
import type { ForgeConnection } from '../session/forgeSession';

/** A button that fixes what a refusal names, and the command it runs. */
export interface FixingAction {
  label: string;
  command: string;
  args?: unknown[];
}

/** What a refused release was about, so the fixes can name the version and the environment. */
export interface RefusalContext {
  version?: string;
  environment?: string;
}

/** The actions that fix the gates a release failed: report the missing check or evaluation, validate, open the pipeline. */
export function gateFixes(gates: readonly GateResult[], context: RefusalContext): FixingAction[] {
  const fixes: FixingAction[] = [];
  for (const gate of gates) {
    if (gate.passed) continue;
    if (gate.gate === 'required-checks')
      fixes.push({ label: 'Report Check…', command: 'forge.reportCheck', args: context.version ? [{ version: context.version }] : [] });
    else if (gate.gate === 'evaluation')
      fixes.push({ label: 'Report Evaluation…', command: 'forge.reportEvaluation', args: context.version ? [{ version: context.version }] : [] });
    else if (gate.gate === 'validation') fixes.push({ label: 'Show Problems', command: 'workbench.actions.view.problems' });
    else if (gate.gate === 'promotion-order') fixes.push({ label: 'Open Release Pipeline', command: 'forge.showPipeline' });
    else if (gate.gate === 'semver-policy') fixes.push({ label: 'Create Version…', command: 'forge.createVersion' });
  }
  return fixes.filter((fix, index) => fixes.findIndex((other) => other.label === fix.label) === index);
}

/** The fixes for a refused request: the failed gates' fixes, or a reviewer for a self-approval (admins only). */
function refusalFixes(error: unknown, connection: ForgeConnection | undefined, context: RefusalContext): FixingAction[] {
  if (!(error instanceof ForgeApiError)) return [];
  if (error.code === 'gate_failed') return gateFixes(failedGatesOf(error), context);
  if (error.code === 'self_approval' && connection?.me.role === 'admin') {
    return [{ label: 'Add Reviewer…', command: 'forge.addReviewer', args: context.environment ? [{ environment: context.environment }] : [] }];
  }
  return [];
}

/**
 * Reports a failed or refused request in one error notification that says what failed and why (each failed
 * gate with its reason) and offers the actions that fix it, then "Show Logs". Resolves with the API's code and
 * message once shown (it does not wait for a click).
 */
export async function reportRefusal(
  what: string,
  error: unknown,
  connection: ForgeConnection | undefined,
  log: ForgeLog,
  context: RefusalContext = {},
): Promise<{ code: string; message: string }> {
  const message = describeFailure(error);
  log.error(what, error);
  const fixes = refusalFixes(error, connection, context);
  void offerFixes(vscode.window.showErrorMessage(`${what}: ${message}`, ...fixes.map((fix) => fix.label), 'Show Logs'), fixes, log);
  return { code: error instanceof ForgeApiError ? error.code : 'failed', message };
}

/** Runs the fix the user clicked ("Show Logs" reveals the log). */
export async function offerFixes(choice: Thenable<string | undefined>, fixes: readonly FixingAction[], log: ForgeLog): Promise<void> {
  const picked = await choice;
  if (picked === 'Show Logs') return log.show();
  const fix = fixes.find((candidate) => candidate.label === picked);
  if (fix) await vscode.commands.executeCommand(fix.command, ...(fix.args ?? []));
}

/** A readable account of a refused or failed request: gate verdicts for `gate_failed`, the API message otherwise. */
export function describeFailure(error: unknown): string {
  if (!(error instanceof ForgeApiError)) return error instanceof Error ? error.message : String(error);
  const failed = failedGatesOf(error);
  if (failed.length > 0) return `${error.message} — ${failed.map((gate) => `${gate.gate}: ${gate.reason}`).join('; ')}`;
  return `${error.message} (${error.status} ${error.code})`;
}
