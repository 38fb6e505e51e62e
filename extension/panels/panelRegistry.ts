import * as vscode from 'vscode';
import type { ForgeLog } from '../logging';
import { panelOptions } from './panelHtml';

/** What the registry needs of a panel. */
interface TrackedPanel extends vscode.Disposable {
  reveal(): void;
  readonly onDidDispose: vscode.Event<void>;
}

/** How one kind of panel is made, found again and brought back after a window reload. */
export interface PanelKind<P extends TrackedPanel> {
  viewType: string;
  extensionUri: vscode.Uri;
  log: ForgeLog;
  /** Wraps a webview panel (new, or restored by VS Code with what its webview saved) showing `key`. */
  create(panel: vscode.WebviewPanel, key: string, saved?: unknown): P;
  /** The key a restored webview saved with `setState`, or undefined when it cannot be told. */
  keyOf(saved: unknown): string | undefined;
}

/**
 * The open panels of one kind, one per key (a release id; a fixed key for singletons): opening a key again
 * reveals its panel. The serializer brings panels back after a window reload from the state their webview saved.
 */
export class PanelRegistry<P extends TrackedPanel> implements vscode.Disposable {
  private readonly panels = new Map<string, P>();
  private readonly serializer: vscode.Disposable;

  constructor(private readonly kind: PanelKind<P>) {
    this.serializer = vscode.window.registerWebviewPanelSerializer(kind.viewType, {
      deserializeWebviewPanel: async (panel, saved: unknown) => this.revive(panel, saved),
    });
  }

  /** Opens (or reveals) the panel of `key`. */
  show(key: string, title: string): P {
    const open = this.panels.get(key);
    if (open) {
      open.reveal();
      return open;
    }
    const panel = vscode.window.createWebviewPanel(this.kind.viewType, title, vscode.ViewColumn.Active, panelOptions(this.kind.extensionUri));
    return this.track(key, this.kind.create(panel, key));
  }

  /** The open panels, for tests and for refreshing them all. */
  open(): P[] {
    return [...this.panels.values()];
  }

  dispose(): void {
    this.serializer.dispose();
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.panels.clear();
  }

  private revive(panel: vscode.WebviewPanel, saved: unknown): void {
    const key = this.kind.keyOf(saved);
    if (key === undefined) {
      // Nothing says what it showed: a panel that cannot come back is closed rather than left blank.
      this.kind.log.warn(`a ${this.kind.viewType} panel without its saved state could not be restored; closing it`);
      panel.dispose();
      return;
    }
    this.panels.get(key)?.dispose();
    this.track(key, this.kind.create(panel, key, saved));
  }

  private track(key: string, panel: P): P {
    this.panels.set(key, panel);
    panel.onDidDispose(() => {
      if (this.panels.get(key) === panel) this.panels.delete(key);
    });
    return panel;
  }
}
