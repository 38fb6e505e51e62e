import type { Workbench } from '../harness/workbench';

/**
 * "Forge: Sign In" as a user does it: the server URL (empty for the embedded service), then the token (empty
 * for the embedded service's own admin), in the palette's input boxes; done when the status bar names the user.
 */
export async function signInFromPalette(workbench: Workbench, serverUrl: string, token: string, name: string): Promise<void> {
  const { page } = workbench;
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const title = page.locator('.quick-input-widget .quick-input-title');
  await workbench.runCommand('Forge: Sign In');
  await title.filter({ hasText: 'Sign In (1/2)' }).waitFor({ state: 'visible' });
  await input.fill(serverUrl);
  await page.keyboard.press('Enter');
  await title.filter({ hasText: 'Sign In (2/2)' }).waitFor({ state: 'visible' });
  await input.fill(token);
  await page.keyboard.press('Enter');
  await page.locator('.statusbar-item', { hasText: `${name} (` }).first().waitFor({ timeout: 60_000 });
}
