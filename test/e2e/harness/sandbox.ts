import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A throwaway VS Code profile: user data (settings, logs), extensions and a workspace folder. */
export interface Sandbox {
  root: string;
  userData: string;
  extensions: string;
  workspace: string;
  /** code-server's config file; passing it keeps code-server from writing ~/.config/code-server. */
  config: string;
}

/** User settings that keep the workbench quiet and deterministic. */
const quietSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
  'window.commandCenter': false,
  'git.enabled': false,
  // Saving triggers validation at once; a save by a timer would race the typing-pause tests.
  'files.autoSave': 'off',
};

export interface SandboxOptions {
  /** A folder copied as the workspace. */
  copyFrom?: string;
  /** Files written into the workspace (relative path → text), after the copy. */
  files?: Record<string, string>;
  /** User settings added to the quiet defaults. */
  settings?: Record<string, unknown>;
}

/** Makes a fresh sandbox under the system temp dir. */
export function makeSandbox(options: SandboxOptions = {}): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'forge-vscode-'));
  const sandbox: Sandbox = {
    root,
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    workspace: join(root, 'workspace'),
    config: join(root, 'config.yaml'),
  };
  for (const dir of [join(sandbox.userData, 'User'), sandbox.extensions, sandbox.workspace]) mkdirSync(dir, { recursive: true });
  writeFileSync(join(sandbox.userData, 'User', 'settings.json'), JSON.stringify({ ...quietSettings, ...options.settings }, null, 2));
  writeFileSync(sandbox.config, 'auth: none\n');
  if (options.copyFrom) cpSync(options.copyFrom, sandbox.workspace, { recursive: true });
  for (const [path, text] of Object.entries(options.files ?? {})) writeWorkspaceFile(sandbox, path, text);
  return sandbox;
}

/** Writes a file into the sandbox's workspace, creating folders. */
export function writeWorkspaceFile(sandbox: Sandbox, path: string, text: string): string {
  const file = join(sandbox.workspace, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** Deletes the sandbox unless E2E_KEEP=1, in which case it says where it is (logs are under user-data/logs). */
export function disposeSandbox(sandbox: Sandbox): void {
  if (process.env.E2E_KEEP === '1') console.log(`# kept ${sandbox.root}`);
  else rmSync(sandbox.root, { recursive: true, force: true });
}
