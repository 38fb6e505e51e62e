import * as vscode from 'vscode';
import type { Approval } from '../../core/api/approval';
import type { ForgeLog } from '../logging';
import type { ForgeConnection } from '../session/forgeSession';
import { reportRefusal } from './fixingActions';

export type Decision = 'approve' | 'reject';

/** The release a decision is about, as far as the confirmation needs to know it. */
export interface DecisionTarget {
  releaseId: string;
  version: string;
  environment: string;
}

/** What came of a decision: recorded, cancelled at the confirmation, or refused (already reported to the user). */
export type DecisionOutcome = { outcome: 'recorded'; approval: Approval } | { outcome: 'cancelled' } | { outcome: 'failed'; code: string; message: string };

/**
 * Records an approval or rejection, deliberately: a rejection needs a reason, and rejecting a production release
 * (which fails it for good) is confirmed first. Refusals are reported with the action that fixes them; a recorded
 * decision is said in the status bar, since the views show it too.
 */
export async function decideRelease(connection: ForgeConnection, target: DecisionTarget, decision: Decision, comment: string, log: ForgeLog): Promise<DecisionOutcome> {
  const what = `${target.version} → ${target.environment}`;
  const reason = comment.trim();
  if (decision === 'reject' && !reason) return { outcome: 'failed', code: 'reason_required', message: 'A rejection needs a reason: say what is wrong.' };
  try {
    if (decision === 'reject' && (await connection.client.getEnvironment(target.environment)).tier === 'production') {
      const confirmed = await vscode.window.showWarningMessage(
        `Reject ${what}?`,
        { modal: true, detail: `The release fails and cannot be resumed; deploying this version to production again starts a new approval.\n\nYour reason: ${reason}` },
        'Reject Release',
      );
      if (confirmed !== 'Reject Release') return { outcome: 'cancelled' };
    }
    const approval = await connection.client.decideApproval(target.releaseId, { decision, ...(reason ? { comment: reason } : {}) });
    const outcome = `${approval.state} (${approval.approvals} of ${approval.required} approvals)`;
    log.info(`${decision} recorded on ${what} (release ${target.releaseId}): ${outcome}`);
    vscode.window.setStatusBarMessage(
      `$(${decision === 'approve' ? 'check' : 'close'}) Forge: ${decision === 'approve' ? 'approved' : 'rejected'} ${what} — ${outcome}`,
      8000,
    );
    return { outcome: 'recorded', approval };
  } catch (error) {
    const failure = await reportRefusal(`${decision === 'approve' ? 'Approving' : 'Rejecting'} ${what} failed`, error, connection, log);
    return { outcome: 'failed', code: failure.code, message: failure.message };
  }
}
