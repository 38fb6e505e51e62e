import * as vscode from 'vscode';
import type { ForgeLog } from '../logging';
import type { ForgeSession } from '../session/forgeSession';
import type { ReleaseUpdates } from '../session/releaseUpdates';
import { reportRefusal } from './fixingActions';
import { pickVersion } from './pickers';

const reportCheckCommand = 'forge.reportCheck';

/** A check result given directly (scripts, tests): every question is skipped. */
interface CheckArgument {
  version?: string;
  name?: string;
  status?: 'success' | 'failure';
  summary?: string;
}

/**
 * "Forge: Report Check…": records a check result (e.g. `smoke-tests`) for a version, which the `required-checks`
 * gate reads. Offers the checks the environments require first. Resolves with the stored check, or undefined.
 */
export function registerReportCheck(session: ForgeSession, updates: ReleaseUpdates, log: ForgeLog): vscode.Disposable {
  return vscode.commands.registerCommand(reportCheckCommand, async (given: CheckArgument = {}) => {
    const connection = session.connection;
    try {
      const { client } = session.require();
      const version = given.version ?? (await pickVersion(session.require(), 'Forge: Report Check — version'));
      if (!version) return undefined;
      const name = given.name ?? (await pickCheckName(session, version));
      if (!name) return undefined;
      const status = given.status ?? (await pickStatus(version, name));
      if (!status) return undefined;
      const summary =
        given.summary ??
        (await vscode.window.showInputBox({
          title: `Forge: ${name} ${status} for ${version}`,
          prompt: 'Summary (optional), e.g. "42 of 42 passed"',
          ignoreFocusOut: true,
        }));
      if (summary === undefined) return undefined;
      const check = await client.reportCheck(version, { name, status, ...(summary.trim() ? { summary: summary.trim() } : {}) });
      log.info(`reported ${name} ${status} for ${version}`);
      vscode.window.setStatusBarMessage(`$(${status === 'success' ? 'pass' : 'error'}) Forge: ${name} ${status} reported for ${version}`, 10_000);
      updates.poke();
      return check;
    } catch (error) {
      await reportRefusal('Reporting the check failed', error, connection, log, { version: given.version });
      return undefined;
    }
  });
}

/** The checks the environments require (with those already reported for the version), then any other name. */
async function pickCheckName(session: ForgeSession, version: string): Promise<string | undefined> {
  const { client } = session.require();
  const [environments, checks] = await Promise.all([client.listEnvironments(), client.listChecks(version)]);
  const required = new Map<string, string[]>();
  for (const environment of environments)
    for (const name of environment.gates['required-checks'] ?? []) required.set(name, [...(required.get(name) ?? []), environment.name]);
  const latest = new Map(checks.map((check) => [check.name, check]));
  const names = [...new Set([...required.keys(), ...latest.keys()])];
  const other = '$(edit) Another check…';
  const items: vscode.QuickPickItem[] = [
    ...names.map((name) => ({
      label: name,
      description: required.has(name) ? `required by ${required.get(name)!.join(', ')}` : undefined,
      detail: latest.has(name) ? `last reported: ${latest.get(name)!.status} by ${latest.get(name)!.reportedBy}` : 'not reported for this version yet',
    })),
    { label: other },
  ];
  const choice = await vscode.window.showQuickPick(items, { title: `Forge: Report Check for ${version} — which check`, placeHolder: 'Check name' });
  if (!choice) return undefined;
  if (choice.label !== other) return choice.label;
  return vscode.window
    .showInputBox({
      title: `Forge: Report Check for ${version}`,
      prompt: 'Check name, e.g. smoke-tests',
      ignoreFocusOut: true,
      validateInput: (value) => (/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(value.trim()) ? undefined : 'Letters, digits and . _ - (e.g. smoke-tests)'),
    })
    .then((value) => value?.trim());
}

async function pickStatus(version: string, name: string): Promise<'success' | 'failure' | undefined> {
  const choice = await vscode.window.showQuickPick(
    [
      { label: '$(pass) success', status: 'success' as const, detail: `${name} passed for ${version}` },
      { label: '$(error) failure', status: 'failure' as const, detail: `${name} failed: the gate refuses ${version} until a later success` },
    ],
    { title: `Forge: Report Check — ${name} for ${version}`, placeHolder: 'Result' },
  );
  return choice?.status;
}
