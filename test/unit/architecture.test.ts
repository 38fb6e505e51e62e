import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

// The import rules of ARCHITECTURE.md ("Faces and layers"): dependencies point inward, nothing imports a face.
const root = resolve(import.meta.dirname, '../..');

type Layer = 'core' | 'git' | 'client' | 'server' | 'cli' | 'extension' | 'webviews';

/** What each layer may import of the project, besides itself. */
const allowed: Record<Layer, readonly Layer[]> = {
  core: [],
  git: ['core'],
  client: ['core', 'git'],
  server: ['core', 'git'],
  cli: ['core', 'git', 'client'],
  extension: ['core', 'git', 'client', 'webviews'],
  webviews: ['core'],
};

/** The CLI's doors into the service: running it, copying its databases, and recovering an admin token in its database. */
const cliIntoServer = new Set(['cli/commands/serve.ts', 'cli/commands/db.ts', 'cli/commands/admin.ts']);

/** Modules that do I/O or need an editor; the pure domain takes none of them. */
const impure = /^(node:)?(fs|fs\/promises|net|http|https|http2|child_process|os|dgram|worker_threads|cluster|vscode)$/;

function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/** Every module a file imports, re-exports or loads dynamically, as written. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true);
  return info.importedFiles.map((imported) => imported.fileName);
}

function layerOf(projectPath: string): string {
  return projectPath.split('/')[0] ?? '';
}

/** `file:line`-free description of each import that breaks a rule. */
function violations(layer: Layer): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(layer)) {
    for (const specifier of importsOf(file)) {
      if (!specifier.startsWith('.')) {
        if (layer === 'core' && impure.test(specifier)) found.push(`${file} imports ${specifier}: core/ is pure (no I/O, no editor)`);
        continue;
      }
      const target = relative(root, resolve(root, dirname(file), specifier))
        .split(sep)
        .join('/');
      const targetLayer = layerOf(target);
      if (targetLayer === layer || target === 'package.json') continue;
      if (layer === 'cli' && targetLayer === 'server' && cliIntoServer.has(file)) continue;
      if (!(allowed[layer] as readonly string[]).includes(targetLayer)) {
        found.push(`${file} imports ${target}: ${layer}/ may import only ${[layer, ...allowed[layer]].map((l) => `${l}/`).join(', ')}`);
      }
    }
  }
  return found;
}

describe('architecture: dependencies point inward (ARCHITECTURE.md)', () => {
  for (const layer of Object.keys(allowed) as Layer[]) {
    it(`${layer}/ imports only ${allowed[layer].length === 0 ? 'itself' : allowed[layer].map((l) => `${l}/`).join(', ')}`, () => {
      assert.ok(sourceFiles(layer).length > 0, `${layer}/ has TypeScript sources`);
      assert.deepEqual(violations(layer), []);
    });
  }

  it('the rule sees real imports: type-only, re-exports and dynamic imports count', () => {
    const info = ts.preProcessFile("import type { A } from '../cli/a';\nexport { b } from '../extension/b';\nconst c = await import('../server/c');", true, true);
    assert.deepEqual(
      info.importedFiles.map((imported) => imported.fileName),
      ['../cli/a', '../extension/b', '../server/c'],
    );
  });
});
