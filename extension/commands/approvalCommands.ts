import * as vscode from 'vscode';
import { pickWaitingApproval } from '../releaseDetails/pickWaitingApproval';
import type { ForgeLog } from '../logging';
import type { ForgeSession } from '../session/forgeSession';
import type { ReleaseNode } from '../views/releaseNodes';
import { decideRelease, type Decision } from './releaseDecision';
import { reportRefusal } from './fixingActions';

const approveCommand = 'forge.approve';
const rejectCommand = 'forge.reject';

/**
 * "Forge: Approve" and "Forge: Reject": on an approval row of a tree, or picked from the releases waiting for
 * the signed-in reviewer; a comment is asked for (optional to approve, required to reject), and rejecting a
 * production release is confirmed. Scripts may pass a release id and the comment, which skips the questions
 * (not the confirmation). Resolves with the approval process after the decision, or undefined.
 */
export function registerApprovalCommands(session: ForgeSession, log: ForgeLog): vscode.Disposable[] {
  const decide = (decision: Decision) => async (node?: ReleaseNode | string, givenComment?: string) => {
    const verb = decision === 'approve' ? 'Approve' : 'Reject';
    try {
      const connection = session.require();
      const releaseId =
        typeof node === 'string'
          ? node
          : node?.kind === 'approval'
            ? node.approval.releaseId
            : await pickWaitingApproval(session, log, { title: `Forge: ${verb} — releases waiting for you`, onlyDecidable: true });
      if (!releaseId) return undefined;
      const release = await connection.client.getRelease(releaseId);
      const comment =
        typeof givenComment === 'string' && (decision === 'approve' || givenComment.trim())
          ? givenComment
          : await vscode.window.showInputBox({
              title: `Forge: ${verb} ${release.version} → ${release.environment}`,
              prompt: decision === 'approve' ? 'Comment (optional): what you checked' : 'Why is it rejected? (recorded with the decision and shown to the requester)',
              ignoreFocusOut: true,
              validateInput: (value) => (decision === 'reject' && !value.trim() ? 'A rejection needs a reason' : undefined),
            });
      if (comment === undefined) return undefined;
      const outcome = await decideRelease(connection, { releaseId, version: release.version, environment: release.environment }, decision, comment, log);
      return outcome.outcome === 'recorded' ? outcome.approval : undefined;
    } catch (error) {
      await reportRefusal(decision === 'approve' ? 'Approving failed' : 'Rejecting failed', error, session.connection, log);
      return undefined;
    }
  };
  return [vscode.commands.registerCommand(approveCommand, decide('approve')), vscode.commands.registerCommand(rejectCommand, decide('reject'))];
}
