import { runExtensionHostSuites } from './mochaSuite';

/** The extensionTestsPath entry for @vscode/test-electron: runs the same suites, failing the run on any failure. */
export async function run(): Promise<void> {
  const results = await runExtensionHostSuites({
    extensionId: 'forge.forge-releases',
    suitesDir: `${__dirname}/suites`,
    grep: process.env.FORGE_TEST_GREP,
    reporter: 'spec',
  });
  if (results.failed.length > 0) throw new Error(`${results.failed.length} extension-host tests failed`);
}
