import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const vsix = join(root, 'dist', 'forge-releases.vsix');

/** A file of the packaged .vsix (a zip), read with unzip as a user inspecting it would. */
function fromVsix(path: string): string {
  return execFileSync('unzip', ['-p', vsix, path], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
}

/** The .vsix as `npm run package` builds it: what the marketplace and VS Code read from it. */
describe('the packaged extension (.vsix)', () => {
  let manifest: Record<string, any>;
  let files: string[];
  before(() => {
    manifest = JSON.parse(fromVsix('extension/package.json'));
    files = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).trim().split('\n');
  });

  it('is built for the platform of the one native libSQL binding it ships', () => {
    const identity = /<Identity [^>]*TargetPlatform="([^"]+)"/.exec(fromVsix('extension.vsixmanifest'));
    assert.equal(identity?.[1], 'linux-x64');
    const bindings = [...new Set(files.filter((file) => file.startsWith('extension/node_modules/@libsql/')).map((file) => file.split('/')[3]))];
    assert.deepEqual(bindings, ['linux-x64-gnu']);
    assert.ok(
      files.some((file) => /^extension\/node_modules\/@libsql\/linux-x64-gnu\/.+\.node$/.test(file)),
      "the binding's .node file is inside",
    );
  });

  it('names its publisher, repository, issue tracker and keywords (placeholders on example.invalid until published)', () => {
    assert.equal(manifest.publisher, 'forge');
    assert.match(manifest.repository.url, /^https:\/\/example\.invalid\//);
    assert.match(manifest.bugs.url, /^https:\/\/example\.invalid\/.+\/issues$/);
    assert.ok(manifest.keywords.includes('release') && manifest.keywords.length <= 30, manifest.keywords.join(', '));
  });

  it('declares what it does in restricted and virtual workspaces', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ['forge.serverUrl']);
    assert.equal(manifest.capabilities.virtualWorkspaces.supported, false);
    const createVersion = manifest.contributes.menus.commandPalette.find((entry: { command: string }) => entry.command === 'forge.createVersion');
    assert.match(createVersion.when, /isWorkspaceTrusted/);
  });

  it('points JSON validation at the schemas it serves only in workspaces with forge.json, and ships those editor schemas', () => {
    for (const { fileMatch, url } of manifest.contributes.jsonValidation) {
      const kind = /^forge-schema:\/(\w+)\.editor\.schema\.json$/.exec(url)?.[1];
      assert.ok(kind, url);
      assert.equal(fileMatch, `**/${kind}s/*.json`);
      assert.ok(files.includes(`extension/dist/schemas/${kind}.editor.schema.json`), kind);
    }
    assert.ok(manifest.activationEvents.includes('onFileSystem:forge-schema'));
  });
});
