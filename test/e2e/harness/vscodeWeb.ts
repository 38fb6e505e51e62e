import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where scripts/setupVscodeWeb.sh put code-server, and which chromium drives the workbench. */
export interface VscodeWebInstall {
  codeServer: string;
  chromium: string;
}

/** The repository root (tests run from it through npm scripts, but may be started from elsewhere). */
export const repositoryRoot = resolve(__dirname, '..', '..', '..');

/** Env: VSCODE_WEB_HOME (default ~/.cache/vscode-web), VSCODE_WEB_CODE_SERVER, VSCODE_WEB_CHROMIUM. */
export function locateVscodeWeb(): VscodeWebInstall {
  const home = process.env.VSCODE_WEB_HOME || join(homedir(), '.cache', 'vscode-web');
  const codeServer = process.env.VSCODE_WEB_CODE_SERVER || join(home, 'bin', 'code-server');
  const chromium = process.env.VSCODE_WEB_CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(codeServer)) throw new Error(`${codeServer} is missing: run bash scripts/setupVscodeWeb.sh first`);
  if (!existsSync(chromium)) throw new Error(`${chromium} is missing: run bash scripts/setupVscodeWeb.sh (as root it installs chromium)`);
  return { codeServer, chromium };
}

/** The packaged extension the suites install (FORGE_VSIX, default dist/forge-releases.vsix from `npm run package`). */
export function locateVsix(): string {
  const vsix = resolve(repositoryRoot, process.env.FORGE_VSIX || 'dist/forge-releases.vsix');
  if (!existsSync(vsix)) throw new Error(`${vsix} is missing: run npm run package first`);
  return vsix;
}

/** Where screenshots, results and kept logs go (E2E_OUTPUT, default test-output/). */
export function outputDir(...parts: string[]): string {
  return resolve(repositoryRoot, process.env.E2E_OUTPUT || 'test-output', ...parts);
}
