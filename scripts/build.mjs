// One build for every face: each entry point is bundled by esbuild into dist/.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';

const production = process.argv.includes('--production');

/** Entry points; an entry whose source does not exist yet is skipped so the build stays green while faces grow. */
const entries = [
  { in: 'cli/main.ts', out: 'cli', platform: 'node', banner: '#!/usr/bin/env node' },
  { in: 'extension/extension.ts', out: 'extension', platform: 'node', external: ['vscode'] },
  // The extension's embedded service: the CLI with @libsql/client bundled in, so the .vsix carries only the
  // native libsql package (and its platform binary) beside it.
  { in: 'cli/main.ts', out: 'service', platform: 'node', native: ['libsql'] },
  // The panels' pages: classic scripts (loaded with a CSP nonce); each CSS import comes out as dist/webviews/<name>.css.
  ...['release', 'pipeline', 'audit'].map((name) => ({ in: `webviews/${name}/main.ts`, out: `webviews/${name}`, platform: 'browser', format: 'iife' })),
];

// Pages of panels that no longer exist must not linger in dist/ (and in the .vsix built from it).
rmSync('dist/webviews', { recursive: true, force: true });

const nodeBanner = "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;";

for (const entry of entries.filter((e) => existsSync(e.in))) {
  await build({
    entryPoints: { [entry.out]: entry.in },
    outdir: 'dist',
    bundle: true,
    platform: entry.platform,
    // jsonc-parser's UMD entry hides its requires from the bundler; its ES module build bundles cleanly.
    alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
    // ES modules bundled into CommonJS (e.g. fdir) read import.meta.url: give them this file's URL.
    define: entry.platform === 'node' ? { 'import.meta.url': 'importMetaUrl' } : undefined,
    format: entry.format ?? 'cjs',
    target: entry.platform === 'node' ? 'node20' : 'es2022',
    sourcemap: !production,
    minify: production,
    external: [...(entry.external ?? []), ...(entry.platform === 'node' ? (entry.native ?? ['libsql', '@libsql/*']) : [])],
    banner: entry.platform === 'node' ? { js: [entry.banner, nodeBanner].filter(Boolean).join('\n') } : undefined,
    logLevel: 'warning',
  });
}

// The webviews' icon font: its stylesheet and font are served from dist/webviews, the panels' only resource root.
mkdirSync('dist/webviews/codicons', { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf']) cpSync(`node_modules/@vscode/codicons/dist/${file}`, `dist/webviews/codicons/${file}`);
