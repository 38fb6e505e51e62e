import * as vscode from 'vscode';
import { pickWaitingApproval } from '../approvals/pickWaitingApproval';
import type { ForgeLog } from '../logging';
import type { ForgeSession } from '../session/forgeSession';
import type { ReleaseNode } from '../views/releaseNodes';
import { describeFailure } from './releaseProgress';

const approveCommand = 'forge.approve';
const rejectCommand = 'forge.reject';

type Decision = 'approve' | 'reject';

/**
 * "Forge: Approve" and "Forge: Reject": on an approval row of a tree, or picked from the releases waiting for
 * the signed-in reviewer; a comment is asked for (optional to approve, required to reject). Scripts may pass a
 * release id and the comment, which skips both questions.
 */
export function registerApprovalCommands(session: ForgeSession, log: ForgeLog): vscode.Disposable[] {
  const decide = (decision: Decision) => async (node?: ReleaseNode | string, givenComment?: string) => {
    try {
      const connection = session.require();
      const verb = decision === 'approve' ? 'Approve' : 'Reject';
      const releaseId = typeof node === 'string' ? node : node?.kind === 'approval' ? node.approval.releaseId
        : await pickWaitingApproval(session, log, { title: `Forge: ${verb} — releases waiting for you`, onlyDecidable: true });
      if (!releaseId) return undefined;
      const comment = typeof givenComment === 'string' && (decision === 'approve' || givenComment.trim()) ? givenComment : await vscode.window.showInputBox({
        title: `Forge: ${verb}`,
        prompt: decision === 'approve' ? 'Comment (optional)' : 'Why is it rejected? (recorded with the decision)',
        ignoreFocusOut: true,
        validateInput: (value) => (decision === 'reject' && !value.trim() ? 'A rejection needs a reason' : undefined),
      });
      if (comment === undefined) return undefined;
      const approval = await connection.client.decideApproval(releaseId, { decision, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      const outcome = `${approval.version} → ${approval.environment}: ${approval.state} (${approval.approvals} of ${approval.required} approvals)`;
      log.info(`${decision} recorded on release ${releaseId}: ${outcome}`);
      void vscode.window.showInformationMessage(`Forge: ${decision === 'approve' ? 'approved' : 'rejected'} ${outcome}.`);
      return approval;
    } catch (error) {
      void log.reportFailure(decision === 'approve' ? 'Approving failed' : 'Rejecting failed', new Error(describeFailure(error)));
      return undefined;
    }
  };
  return [vscode.commands.registerCommand(approveCommand, decide('approve')), vscode.commands.registerCommand(rejectCommand, decide('reject'))];
}
