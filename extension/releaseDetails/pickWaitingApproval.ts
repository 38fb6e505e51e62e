import * as vscode from 'vscode';
import type { ForgeLog } from '../logging';
import type { ForgeSession } from '../session/forgeSession';
import { expiryText } from '../../webviews/shared/timeText';

interface WaitingApprovalQuestion {
  title: string;
  /** Offer only the releases the signed-in user may decide (Approve / Reject), or every waiting one (the panel). */
  onlyDecidable: boolean;
}

/** Asks which release waiting for approval is meant (`GET /api/approvals?status=waiting`); undefined when none is chosen. */
export async function pickWaitingApproval(session: ForgeSession, log: ForgeLog, question: WaitingApprovalQuestion): Promise<string | undefined> {
  let items: (vscode.QuickPickItem & { releaseId: string })[];
  try {
    const { items: approvals } = await session.require().client.listApprovals({ status: 'waiting', limit: 100 });
    const now = Date.now();
    items = approvals
      .filter((approval) => approval.canDecide || !question.onlyDecidable)
      .map((approval) => ({
        label: `$(git-pull-request) ${approval.version} → ${approval.environment}`,
        description: `${approval.approvals} of ${approval.required} approvals`,
        detail: `requested by ${approval.requestedBy} · ${expiryText(approval.expiresAt, now)}${approval.canDecide ? '' : ' · you cannot decide on it'}`,
        releaseId: approval.releaseId,
      }));
  } catch (error) {
    void log.reportFailure('Listing the releases waiting for approval failed', error);
    return undefined;
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage(question.onlyDecidable ? 'Forge: no release is waiting for your decision.' : 'Forge: no release is waiting for approval.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: question.title,
    placeHolder: 'A release waiting for approval',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.releaseId;
}
