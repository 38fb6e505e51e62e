import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

/** One test's outcome, as the outer driver prints it. */
export interface TestOutcome {
  title: string;
  file?: string;
  durationMs?: number;
  error?: string;
}

/** What a run of the extension-host suite produced; written as JSON by the code-server runner. */
export interface SuiteResults {
  passed: TestOutcome[];
  failed: TestOutcome[];
  pending: TestOutcome[];
  durationMs: number;
}

export interface SuiteOptions {
  /** The extension under test, activated before any suite runs. */
  extensionId: string;
  /** Folder of the built `*.test.js` suites. */
  suitesDir: string;
  grep?: string;
  timeoutMs?: number;
  /** Mocha reporter printing to the extension host's stdout ('spec' under test-electron). */
  reporter?: string;
}

/** Runs the built extension-host suites with mocha inside the running extension host and collects the outcomes. */
export async function runExtensionHostSuites(options: SuiteOptions): Promise<SuiteResults> {
  const extension = vscode.extensions.getExtension(options.extensionId);
  if (!extension) throw new Error(`extension ${options.extensionId} is not installed`);
  await extension.activate();
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: options.timeoutMs ?? 30_000, reporter: options.reporter ?? 'dot' });
  if (options.grep) mocha.grep(options.grep);
  for (const file of readdirSync(options.suitesDir)
    .filter((name) => name.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(join(options.suitesDir, file));
  }
  const results: SuiteResults = { passed: [], failed: [], pending: [], durationMs: 0 };
  const started = Date.now();
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        results.durationMs = Date.now() - started;
        resolve(results);
      });
      runner.on('pass', (test) => results.passed.push({ title: test.fullTitle(), file: test.file, durationMs: test.duration }));
      runner.on('pending', (test) => results.pending.push({ title: test.fullTitle(), file: test.file }));
      runner.on('fail', (test, error: Error) =>
        results.failed.push({ title: test.fullTitle(), file: test.file, durationMs: test.duration, error: error.stack ?? String(error) }),
      );
    } catch (error) {
      // A suite that throws while loading never reaches the runner.
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
