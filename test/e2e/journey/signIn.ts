import type { Session } from '../harness/session';
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
  await page
    .locator('.statusbar-item', { hasText: `${name} (` })
    .first()
    .waitFor({ timeout: 60_000 });
}

/**
 * What an admin of the embedded service uses to call its API: its address, from the session's status-bar tooltip,
 * and a token of their own made in the Team view ("Create Token…", shown once in a dialog).
 */
export async function embeddedAdminAccess(session: Session): Promise<{ url: string; token: string }> {
  const { workbench } = session;
  const { page } = workbench;
  await page.locator('.statusbar-item[id$="forge.session"]').hover();
  const hover = page.locator('.monaco-hover, .workbench-hover', { hasText: 'embedded service (' }).first();
  await hover.waitFor({ timeout: 20_000 });
  const url = /embedded service \((http:\/\/127\.0\.0\.1:\d+)\)/.exec(await hover.innerText())?.[1];
  if (!url) throw new Error(`no embedded service address in the status bar tooltip: ${await hover.innerText()}`);
  await page.mouse.move(0, 0);
  await workbench.treeItems('Team', 4);
  await workbench.treeContextMenu('Team', 'admin', 'Create Token…');
  await workbench.answerInput('journey', 20_000, 'Create Token for admin');
  const token = /forge_[A-Za-z0-9_-]{20,}/.exec(await workbench.dialogText())?.[0];
  if (!token) throw new Error('the token dialog showed no token');
  await workbench.clickDialogButton('Copy Token');
  return { url, token };
}
