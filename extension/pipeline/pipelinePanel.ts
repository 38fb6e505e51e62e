import * as vscode from 'vscode';
import type { ForgeEvent } from '../../core/api/event';
import { pipelineFromWebviewSchema, pipelinePersistedStateSchema } from '../../webviews/pipeline/messages';
import { pipelineToWebviewSchema, type PipelineState } from '../../webviews/pipeline/protocol';
import { ForgePanel, type PanelDeps } from '../panels/forgePanel';
import { PanelRegistry } from '../panels/panelRegistry';
import { loadPipeline } from './loadPipeline';

const pipelineViewType = 'forge.pipeline';
export const showPipelineCommand = 'forge.showPipeline';
const pipelineKey = 'pipeline';

/**
 * The Release Pipeline: versions × environments, live from the event stream. Its cells' buttons run the same
 * commands as the trees and the palette (deploy, promote, rollback, review, report a check).
 */
export class PipelinePanel extends ForgePanel<PipelineState> {
  constructor(panel: vscode.WebviewPanel, deps: PanelDeps) {
    super(panel, deps, { bundle: 'pipeline', toWebview: pipelineToWebviewSchema, fromWebview: pipelineFromWebviewSchema });
  }

  protected load(): Promise<PipelineState> {
    return loadPipeline(this.deps.session.connection);
  }

  protected concerns(_event: ForgeEvent): boolean {
    // Every event of the service (a release, an approval, an environment, a version) shows in some cell.
    return true;
  }
}

export type PipelinePanels = PanelRegistry<PipelinePanel>;

/** "Forge: Show Release Pipeline": opens (or reveals) the one pipeline panel; it comes back after a reload. */
export function registerPipeline(deps: PanelDeps): { panels: PipelinePanels; disposables: vscode.Disposable[] } {
  const panels = new PanelRegistry<PipelinePanel>({
    viewType: pipelineViewType,
    extensionUri: deps.extensionUri,
    log: deps.log,
    create: (panel) => new PipelinePanel(panel, deps),
    keyOf: (saved) => (pipelinePersistedStateSchema.safeParse(saved).success ? pipelineKey : undefined),
  });
  const command = vscode.commands.registerCommand(showPipelineCommand, () => panels.show(pipelineKey, 'Release Pipeline'));
  return { panels, disposables: [panels, command] };
}
