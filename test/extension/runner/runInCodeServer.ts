// `npm run test:extension`: runs the extension-host suites inside the real VS Code of code-server. Installs the
// packaged .vsix and a runner extension into a fresh profile, opens the workbench in headless chromium so the
// extension host starts, then waits for the runner's results file. Exit status 1 on any failure.
// Env: see test/e2e/harness/vscodeWeb.ts; FORGE_TEST_GREP filters tests; FORGE_EXTENSION_TESTS_TIMEOUT_MS (300000).
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CodeServer, packageVsix } from '../../e2e/harness/codeServer';
import type { Sandbox } from '../../e2e/harness/sandbox';
import { startSession } from '../../e2e/harness/session';
import { locateVsix, outputDir, repositoryRoot } from '../../e2e/harness/vscodeWeb';
import type { SuiteResults } from './mochaSuite';

const builtDir = join(repositoryRoot, 'out', 'extension-tests');
const extensionId = 'forge.forge-releases';
const timeoutMs = Number(process.env.FORGE_EXTENSION_TESTS_TIMEOUT_MS ?? 300_000);

const seconds = (since: number): string => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Writes the runner extension (manifest, a stub requiring the built runner, run.json) and packages it. */
function packageRunnerExtension(sandbox: Sandbox, resultsFile: string): string {
  const folder = join(sandbox.root, 'runner-extension');
  mkdirSync(folder);
  const manifest = {
    name: 'forge-test-runner',
    publisher: 'forge',
    version: '0.0.0',
    description: 'Runs the Forge Releases extension-host suites',
    engines: { vscode: '^1.96.0' },
    main: './extension.js',
    activationEvents: ['onStartupFinished'],
    extensionDependencies: [extensionId],
  };
  writeFileSync(join(folder, 'package.json'), JSON.stringify(manifest, null, 2));
  // Inside the runner's own folder, the suites' require('vscode') is attributed to the runner extension.
  copyFileSync(join(builtDir, 'runner.js'), join(folder, 'extension.js'));
  cpSync(join(builtDir, 'suites'), join(folder, 'suites'), { recursive: true });
  writeFileSync(join(folder, 'run.json'), JSON.stringify({ resultsFile, extensionId, grep: process.env.FORGE_TEST_GREP }, null, 2));
  return packageVsix(folder, join(sandbox.root, 'forge-test-runner.vsix'));
}

async function waitForResults(resultsFile: string, server: CodeServer): Promise<SuiteResults> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(resultsFile)) {
    if (Date.now() > deadline) throw new Error(`no results after ${timeoutMs} ms; code-server output:\n${server.log().slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return JSON.parse(readFileSync(resultsFile, 'utf8')) as SuiteResults;
}

function report(results: SuiteResults): void {
  for (const test of results.passed) console.log(`  ✓ ${test.title} (${test.durationMs ?? 0} ms)`);
  for (const test of results.pending) console.log(`  - ${test.title} (pending)`);
  for (const test of results.failed) console.log(`  ✗ ${test.title}\n${(test.error ?? '').replace(/^/gm, '      ')}`);
  console.log(
    `\n  ${results.passed.length} passing, ${results.failed.length} failing, ${results.pending.length} pending (${(results.durationMs / 1000).toFixed(1)} s in the extension host)`,
  );
}

async function main(): Promise<number> {
  const started = Date.now();
  if (!existsSync(join(builtDir, 'runner.js'))) throw new Error(`${builtDir}/runner.js is missing: run node scripts/buildExtensionTests.mjs`);
  let resultsFile = '';
  const session = await startSession({
    copyFrom: join(repositoryRoot, 'test', 'extension', 'fixtures', 'workspace'),
    vsix: (sandbox) => {
      resultsFile = join(sandbox.root, 'results.json');
      return [locateVsix(), packageRunnerExtension(sandbox, resultsFile)];
    },
  });
  try {
    console.log(`# installed the .vsix and the runner in ${session.timings.install} ms; workbench ready ${session.timings.workbench} ms after starting code-server`);
    const results = await waitForResults(resultsFile, session.server);
    report(results);
    mkdirSync(outputDir('extension'), { recursive: true });
    copyFileSync(resultsFile, outputDir('extension', 'results.json'));
    const failed = results.failed.length > 0 || results.passed.length === 0;
    if (failed) {
      console.log(`# screenshot ${await session.workbench.screenshot(outputDir('extension'), 'failure')}`);
      console.log(session.extensionHostLog().slice(-6000));
      // The extension host's console is forwarded to the page's.
      for (const entry of session.workbench.console.filter((e) => e.type === 'error' || e.text.includes('[Extension Host]')))
        console.log(`# console: ${entry.text.slice(0, 2000)}`);
    }
    console.log(`# extension-host suites took ${seconds(started)} in total`);
    return failed ? 1 : 0;
  } finally {
    await session.stop();
  }
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
