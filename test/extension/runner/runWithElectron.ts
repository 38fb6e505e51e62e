// `npm run test:vscode`: the same extension-host suites under a downloaded VS Code (@vscode/test-electron), for
// machines that can reach the VS Code download service. Runs the development folder, not the .vsix.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repositoryRoot } from '../../e2e/harness/vscodeWeb';

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'forge-electron-'));
  const workspace = join(root, 'workspace');
  cpSync(join(repositoryRoot, 'test', 'extension', 'fixtures', 'workspace'), workspace, { recursive: true });
  try {
    await runTests({
      version: process.env.VSCODE_TEST_VERSION ?? 'stable',
      extensionDevelopmentPath: repositoryRoot,
      extensionTestsPath: join(repositoryRoot, 'out', 'extension-tests', 'electronSuite.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(root, 'user-data')],
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
