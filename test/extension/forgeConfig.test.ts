import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { waitForCode, waitForNone, workspaceUri, writeWorkspaceFile } from './support/workspace';

describe('forge.json', () => {
  it('a broken forge.json gets a diagnostic saying the default globs apply, gone once it is repaired', async () => {
    const uri = workspaceUri('forge.json');
    const original = readFileSync(uri.fsPath, 'utf8');
    try {
      await writeWorkspaceFile('forge.json', '{ "artifacts": { "workflow": 42 } }\n');
      const diagnostic = await waitForCode(uri, 'forge-config');
      assert.match(diagnostic.message, /artifacts\.workflow/);
      assert.match(diagnostic.message, /default artifact globs apply/);
    } finally {
      await writeWorkspaceFile('forge.json', original);
    }
    await waitForNone(uri);
  });
});
