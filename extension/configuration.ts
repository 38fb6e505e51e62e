import * as vscode from 'vscode';
import { artifactKinds, type ArtifactKind } from '../core/artifacts/artifactKind';

const section = 'forge';

/** Per-kind glob overrides from `forge.artifactGlobs`; a kind left out follows forge.json or the defaults. */
export type ArtifactGlobOverrides = Partial<Record<ArtifactKind, string[]>>;

/** `forge.serverUrl`: the release service to talk to; empty means the embedded local service. */
export function serverUrl(): string {
  return vscode.workspace.getConfiguration(section).get<string>('serverUrl', '').trim();
}

/** `forge.artifactGlobs` for a folder, keeping only well-formed entries (settings are hand-edited JSON). */
export function artifactGlobOverrides(scope?: vscode.ConfigurationScope): ArtifactGlobOverrides {
  const raw = vscode.workspace.getConfiguration(section, scope).get<unknown>('artifactGlobs', {});
  const overrides: ArtifactGlobOverrides = {};
  if (typeof raw !== 'object' || raw === null) return overrides;
  for (const kind of artifactKinds) {
    const globs = (raw as Record<string, unknown>)[kind];
    if (typeof globs === 'string' && globs.length > 0) overrides[kind] = [globs];
    else if (Array.isArray(globs) && globs.length > 0 && globs.every((g) => typeof g === 'string' && g.length > 0)) {
      overrides[kind] = globs as string[];
    }
  }
  return overrides;
}

/** `forge.validation.enabled`: inline diagnostics on or off. */
export function validationEnabled(scope?: vscode.ConfigurationScope): boolean {
  return vscode.workspace.getConfiguration(section, scope).get<boolean>('validation.enabled', true);
}

/** `forge.validation.debounceMs`: quiet time after a keystroke before a document is validated again. */
export function validationDebounceMs(scope?: vscode.ConfigurationScope): number {
  const value = vscode.workspace.getConfiguration(section, scope).get<number>('validation.debounceMs', 250);
  return Number.isFinite(value) && value >= 0 ? value : 250;
}

/** Fires when any `forge.*` setting changes, with the event so listeners can test the keys they own. */
export function onDidChangeForgeSettings(listener: (event: vscode.ConfigurationChangeEvent) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(section)) listener(event);
  });
}
