// Bundles the extension-host suites (test/extension/*.test.ts) and their runners into out/extension-tests/:
// runner.js (the code-server runner extension), electronSuite.js (@vscode/test-electron's extensionTestsPath)
// and suites/*.test.js. Mocha is bundled into the runners; the suites use its globals.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';

const outdir = 'out/extension-tests';
rmSync(outdir, { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  external: ['vscode'],
  // jsonc-parser's UMD entry hides its requires from the bundler; its ES module build bundles cleanly.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
  // Mocha's parallel mode (worker files found by require.resolve) is never used in the extension host.
  logOverride: { 'require-resolve-not-external': 'silent' },
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: { runner: 'test/extension/runner/runnerExtension.ts', electronSuite: 'test/extension/runner/electronSuite.ts' },
  outdir,
});
const suites = readdirSync('test/extension').filter((name) => name.endsWith('.test.ts'));
await build({
  ...common,
  entryPoints: Object.fromEntries(suites.map((name) => [name.replace(/\.ts$/, ''), `test/extension/${name}`])),
  outdir: `${outdir}/suites`,
});
console.log(`extension-host suites built into ${outdir}: ${suites.join(', ')}`);
