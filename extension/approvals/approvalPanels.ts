import * as vscode from 'vscode';
import { persistedStateSchema } from '../../webviews/approval/messages';
import { openApprovalPanelCommand, type ReleaseNode } from '../views/releaseNodes';
import { ApprovalPanel, approvalPanelOptions, approvalPanelViewType, type ApprovalPanelDeps } from './approvalPanel';
import { pickWaitingApproval } from './pickWaitingApproval';

/** The open approval panels, one per release: opening a release again reveals its panel. */
class ApprovalPanels implements vscode.Disposable {
  private readonly panels = new Map<string, ApprovalPanel>();

  constructor(private readonly deps: ApprovalPanelDeps) {}

  /** Opens (or reveals) the panel of a release. */
  show(releaseId: string): ApprovalPanel {
    const open = this.panels.get(releaseId);
    if (open) {
      open.reveal();
      return open;
    }
    const panel = vscode.window.createWebviewPanel(approvalPanelViewType, `Release ${releaseId}`, vscode.ViewColumn.Active, approvalPanelOptions(this.deps.extensionUri));
    return this.track(new ApprovalPanel(panel, releaseId, this.deps));
  }

  /** Takes back a panel VS Code restored after a reload, from the state its webview saved. */
  async revive(panel: vscode.WebviewPanel, saved: unknown): Promise<void> {
    const state = persistedStateSchema.safeParse(saved);
    if (!state.success) {
      // Nothing says which release it showed: a panel that cannot come back is closed rather than left blank.
      this.deps.log.warn('an approval panel without a release id could not be restored; closing it');
      panel.dispose();
      return;
    }
    const existing = this.panels.get(state.data.releaseId);
    if (existing) existing.dispose();
    this.track(new ApprovalPanel(panel, state.data.releaseId, this.deps));
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.panels.clear();
  }

  private track(panel: ApprovalPanel): ApprovalPanel {
    this.panels.set(panel.releaseId, panel);
    panel.onDidDispose(() => {
      if (this.panels.get(panel.releaseId) === panel) this.panels.delete(panel.releaseId);
    });
    return panel;
  }
}

/**
 * "Forge: Open Approval Panel": with a release id (or a tree row of an approval or release) it opens that release;
 * from the palette it offers the releases waiting for approval. Resolves with the panel, or undefined when
 * nothing was chosen. The serializer brings open panels back after a window reload.
 */
export function registerApprovalPanels(deps: ApprovalPanelDeps): vscode.Disposable[] {
  const panels = new ApprovalPanels(deps);
  return [
    panels,
    vscode.commands.registerCommand(openApprovalPanelCommand, async (target?: string | ReleaseNode | { releaseId: string }) => {
      const releaseId = releaseIdOf(target) ?? (await pickWaitingApproval(deps.session, deps.log, { title: 'Forge: Open Approval Panel', onlyDecidable: false }));
      return releaseId ? panels.show(releaseId) : undefined;
    }),
    vscode.window.registerWebviewPanelSerializer(approvalPanelViewType, {
      deserializeWebviewPanel: (panel, state: unknown) => panels.revive(panel, state),
    }),
  ];
}

/** A release id given directly, by an approval or release row of the trees, or as `{releaseId}`. */
function releaseIdOf(target: string | ReleaseNode | { releaseId: string } | undefined): string | undefined {
  if (typeof target === 'string') return target.trim() || undefined;
  if (!target) return undefined;
  if ('releaseId' in target) return target.releaseId;
  if (target.kind === 'approval') return target.approval.releaseId;
  if (target.kind === 'release') return target.release.id;
  return undefined;
}
