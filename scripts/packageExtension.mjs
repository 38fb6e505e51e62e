// `npm run package`: production build, then the .vsix. Everything is bundled by esbuild except the native libSQL
// binding of the embedded service: vsce collects the production dependencies and the allowlist in
// .vscodeignore keeps only that binding's packages. Fails when the extension bundle or a webview bundle outgrows
// its budget (the embedded service, dist/service.js, is not counted).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';

const vsixPath = 'dist/forge-releases.vsix';
const bundleBudgetBytes = 1024 * 1024;
// Each panel's page script: it is parsed every time a panel opens, so it carries no full zod (zod/mini only).
const webviewBudgetBytes = 200 * 1024;

// The embedded service loads libSQL's native binding, and the .vsix carries exactly one (.vscodeignore): the
// package is built for that binding's platform, so VS Code installs it only where the binding loads.
const nativeBinding = { package: '@libsql/linux-x64-gnu', vsceTarget: 'linux-x64' };

const run = (command, args) => execFileSync(command, args, { stdio: 'inherit' });
if (!readFileSync('.vscodeignore', 'utf8').includes(`!node_modules/${nativeBinding.package}/**`)) {
  console.error(`.vscodeignore does not ship ${nativeBinding.package}, the binding the --target ${nativeBinding.vsceTarget} package is built for`);
  process.exit(1);
}
const started = Date.now();
run('npm', ['run', '--silent', 'build', '--', '--production']);
const bundleBytes = statSync('dist/extension.js').size;
if (bundleBytes > bundleBudgetBytes) {
  console.error(`dist/extension.js is ${bundleBytes} bytes, over the ${bundleBudgetBytes}-byte budget`);
  process.exit(1);
}
const webviewBundles = readdirSync('dist/webviews')
  .filter((name) => name.endsWith('.js'))
  .map((name) => ({ name, bytes: statSync(`dist/webviews/${name}`).size }));
for (const { name, bytes } of webviewBundles) {
  if (bytes <= webviewBudgetBytes) continue;
  console.error(`dist/webviews/${name} is ${bytes} bytes, over the ${webviewBudgetBytes}-byte budget of a webview bundle`);
  process.exit(1);
}
// The README's images are relative paths; in the marketplace page they resolve against the repository.
const repository = JSON.parse(readFileSync('package.json', 'utf8')).repository.url.replace(/\.git$/, '');
run('npx', ['--no-install', 'vsce', 'package', '--target', nativeBinding.vsceTarget, '--out', vsixPath, '--baseImagesUrl', `${repository}/raw/HEAD/`]);
console.log(
  `dist/extension.js: ${(bundleBytes / 1024).toFixed(0)} KiB; ${webviewBundles.map(({ name, bytes }) => `dist/webviews/${name}: ${(bytes / 1024).toFixed(0)} KiB`).join('; ')}; dist/service.js: ${(statSync('dist/service.js').size / 1024).toFixed(0)} KiB; ${vsixPath}: ${(statSync(vsixPath).size / 1024).toFixed(0)} KiB; ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
