import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { runExtensionHostSuites, type SuiteResults } from './mochaSuite';

/** run.json, written by the driver next to this extension's manifest (the built suites are in suites/). */
interface RunConfig {
  resultsFile: string;
  extensionId: string;
  grep?: string;
}

/**
 * The test runner extension for code-server, which has no --extensionTestsPath: activated on startup, it
 * activates the extension under test, runs the suites in this extension host and writes the results file the
 * outer driver waits for.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const config = JSON.parse(readFileSync(join(context.extensionPath, 'run.json'), 'utf8')) as RunConfig;
  let results: SuiteResults;
  try {
    results = await runExtensionHostSuites({ extensionId: config.extensionId, suitesDir: join(context.extensionPath, 'suites'), grep: config.grep });
  } catch (error) {
    results = {
      passed: [],
      failed: [{ title: 'loading the extension-host suites', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }],
      pending: [],
      durationMs: 0,
    };
  }
  // Written whole, then renamed, so the driver never reads half a file.
  writeFileSync(`${config.resultsFile}.partial`, JSON.stringify(results, null, 2));
  renameSync(`${config.resultsFile}.partial`, config.resultsFile);
}
