import type * as vscode from 'vscode';
import type { Me } from '../core/api/user';
import type { ConnectionState } from './connectionState';
import type { AuditPanels } from './audit/auditPanel';
import type { PipelinePanels } from './pipeline/pipelinePanel';
import type { ReleaseDetailsPanels } from './releaseDetails/registerReleaseDetails';
import type { ForgeSession } from './session/forgeSession';
import type { ReleaseViews } from './views/releaseViews';

/** What `activate` returns to other extensions and scripts (and the extension-host tests): read-only views of the session and trees. */
export interface ForgeExtensionApi {
  /** The current connection without its client: the server, the user and whether it is the embedded service. */
  connection(): { serverUrl: string; me: Me; embedded: boolean } | undefined;
  /** Signed out, connecting, unreachable or connected (the `forge.connection` context key). */
  connectionState(): ConnectionState;
  /** Fires after every sign-in, sign-out and loss of the server. */
  onDidChangeConnection: vscode.Event<unknown>;
  /** The TreeItems a release view shows now under the row labelled `parentLabel` (none: its top rows). */
  treeItems: ReleaseViews['treeItems'];
  /** The number on the Approvals view's badge: releases waiting for the signed-in user's decision. */
  decisionBadge: ReleaseViews['decisionBadge'];
  /** The open panels of each kind (the extension-host tests drive them). */
  panels: ExtensionPanels;
}

/** The panel registries the API exposes. */
export interface ExtensionPanels {
  releaseDetails: ReleaseDetailsPanels;
  pipeline: PipelinePanels;
  auditLog: AuditPanels;
}

/** Builds the API over the session and the release views. */
export function forgeExtensionApi(session: ForgeSession, views: ReleaseViews, panels: ExtensionPanels): ForgeExtensionApi {
  return {
    connection: () => {
      const current = session.connection;
      return current ? { serverUrl: current.serverUrl, me: current.me, embedded: current.embedded } : undefined;
    },
    connectionState: () => session.connectionState,
    onDidChangeConnection: session.onDidChange,
    treeItems: views.treeItems,
    decisionBadge: views.decisionBadge,
    panels,
  };
}
