import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ForgeService } from '../../e2e/harness/forgeService';

/** The next value of an event that satisfies the predicate, or a failure naming what was awaited. */
export function nextEvent<T>(event: vscode.Event<T>, predicate: (value: T) => boolean, what: string, timeoutMs = 60_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const subscription = event((value) => {
      if (!predicate(value)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    });
  });
}

/** Signs in to the test service with a token, as `forge.signIn` does for a user. */
export async function signIn(service: ForgeService, token: string): Promise<void> {
  const me = await vscode.commands.executeCommand<{ name: string } | undefined>('forge.signIn', { serverUrl: service.url, token });
  assert.ok(me, 'signing in failed (see the Forge Releases log)');
}
