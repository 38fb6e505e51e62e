import assert from 'node:assert/strict';
import * as vscode from 'vscode';

const extensionId = 'forge.forge-releases';

describe('extension activation and commands', () => {
  it('is active in a workspace with forge.json', () => {
    assert.equal(vscode.extensions.getExtension(extensionId)?.isActive, true);
  });

  it('registers every command its manifest contributes, all under the "Forge" category', async () => {
    const manifest = vscode.extensions.getExtension(extensionId)?.packageJSON as { contributes: { commands: { command: string; category: string }[] } };
    const contributed = manifest.contributes.commands;
    assert.ok(contributed.length >= 2);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const { command, category } of contributed) {
      assert.ok(registered.has(command), `${command} is contributed but not registered`);
      assert.equal(category, 'Forge');
    }
    assert.ok(contributed.some(({ command }) => command === 'forge.validateWorkspace'));
  });

  it('shows the Environments and Approvals views', async () => {
    await vscode.commands.executeCommand('forge.environments.focus');
    await vscode.commands.executeCommand('forge.approvals.focus');
  });
});
