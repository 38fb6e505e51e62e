import * as vscode from 'vscode';
import { releasePersistedStateSchema } from '../../webviews/release/messages';
import { relativeTime } from '../../webviews/shared/timeText';
import type { PanelDeps } from '../panels/forgePanel';
import { PanelRegistry } from '../panels/panelRegistry';
import { statusText, type ReleaseNode } from '../views/releaseNodes';
import { ReleaseDetailsPanel, releaseDetailsViewType } from './releaseDetailsPanel';

export const openReleaseCommand = 'forge.openRelease';

/** The open release details panels, for the extension's API and tests. */
export type ReleaseDetailsPanels = PanelRegistry<ReleaseDetailsPanel>;

/**
 * "Forge: Open Release Details": with a release id (or a tree row of an approval or release, or `{releaseId}`)
 * it opens that release; from the palette it offers the releases waiting for approval, then the latest ones.
 * Resolves with the panel, or undefined when nothing was chosen.
 */
export function registerReleaseDetails(deps: PanelDeps): { panels: ReleaseDetailsPanels; disposables: vscode.Disposable[] } {
  const panels = new PanelRegistry<ReleaseDetailsPanel>({
    viewType: releaseDetailsViewType,
    extensionUri: deps.extensionUri,
    log: deps.log,
    create: (panel, releaseId) => new ReleaseDetailsPanel(panel, releaseId, deps),
    keyOf: (saved) => {
      const state = releasePersistedStateSchema.safeParse(saved);
      return state.success ? state.data.releaseId : undefined;
    },
  });
  const command = vscode.commands.registerCommand(openReleaseCommand, async (target?: string | ReleaseNode | { releaseId: string }) => {
    const releaseId = releaseIdOf(target) ?? (await pickRelease(deps));
    return releaseId ? panels.show(releaseId, 'Release') : undefined;
  });
  return { panels, disposables: [panels, command] };
}

/** A release id given directly, by an approval or release row of the trees, or as `{releaseId}`. */
function releaseIdOf(target: string | ReleaseNode | { releaseId: string } | undefined): string | undefined {
  if (typeof target === 'string') return target.trim() || undefined;
  if (!target || typeof target !== 'object') return undefined;
  if ('releaseId' in target) return target.releaseId;
  if (target.kind === 'approval') return target.approval.releaseId;
  if (target.kind === 'release') return target.release.id;
  return undefined;
}

/** The releases waiting for approval first, then the latest releases of every environment. */
async function pickRelease({ session, log }: PanelDeps): Promise<string | undefined> {
  try {
    const { client } = session.require();
    const [waiting, latest] = await Promise.all([client.listApprovals({ status: 'waiting', limit: 50 }), client.listReleases({ limit: 30 })]);
    const waitingIds = new Set(waiting.items.map((approval) => approval.releaseId));
    const items: (vscode.QuickPickItem & { releaseId?: string })[] = [
      ...(waiting.items.length > 0 ? [{ label: 'Waiting for approval', kind: vscode.QuickPickItemKind.Separator }] : []),
      ...waiting.items.map((approval) => ({
        label: `$(watch) ${approval.version} → ${approval.environment}`,
        description: `${approval.approvals} of ${approval.required} approvals · ${approval.requestedBy} · ${relativeTime(approval.requestedAt)}`,
        detail: approval.canDecide ? 'You may approve or reject it' : undefined,
        releaseId: approval.releaseId,
      })),
      { label: 'Latest releases', kind: vscode.QuickPickItemKind.Separator },
      ...latest.items
        .filter((release) => !waitingIds.has(release.id))
        .map((release) => ({
          label: `${release.version} → ${release.environment}`,
          description: `${release.kind} · ${release.requestedBy} · ${relativeTime(release.requestedAt)} · ${statusText(release)}`,
          releaseId: release.id,
        })),
    ];
    if (!items.some((item) => item.releaseId)) {
      void vscode.window.showInformationMessage('Forge: no release yet. Deploy a version first.');
      return undefined;
    }
    const choice = await vscode.window.showQuickPick(items, { title: 'Forge: Open Release Details', placeHolder: 'A release', matchOnDescription: true });
    return choice?.releaseId;
  } catch (error) {
    void log.reportFailure('Listing the releases failed', error);
    return undefined;
  }
}
