import type { Session } from './session';

/** The two themes the end-to-end screenshots are taken in, and the class each puts on the workbench. */
const themes = {
  dark: { name: 'Dark Modern', workbenchClass: 'vscode-theme-defaults-themes-dark_modern-json' },
  light: { name: 'Light Modern', workbenchClass: 'vscode-theme-defaults-themes-light_modern-json' },
} as const;

export type ThemeKind = keyof typeof themes;

/** User settings that start the workbench dark and make "toggle light/dark" switch between the two themes. */
export const themeSettings = {
  'workbench.colorTheme': themes.dark.name,
  'workbench.preferredDarkColorTheme': themes.dark.name,
  'workbench.preferredLightColorTheme': themes.light.name,
};

const isTheme = (session: Session, kind: ThemeKind): Promise<boolean> =>
  session.workbench.page.evaluate((name) => document.querySelector('.monaco-workbench')?.classList.contains(name) === true, themes[kind].workbenchClass);

/**
 * Switches the color theme with the palette's light/dark toggle (a settings file written behind the workbench's
 * back is not always noticed) and waits until the workbench and its webviews have been restyled. The session
 * must have been started with `themeSettings`.
 */
export async function setColorTheme(session: Session, kind: ThemeKind): Promise<void> {
  if (await isTheme(session, kind)) return;
  await session.workbench.runCommand('Preferences: Toggle between Light/Dark Themes');
  await session.workbench.page.waitForFunction((name) => document.querySelector('.monaco-workbench')?.classList.contains(name) === true, themes[kind].workbenchClass, {
    timeout: 20_000,
  });
  // Webviews get the new theme variables by message, a moment after the workbench.
  await session.workbench.page.waitForTimeout(400);
}

/** Saves a screenshot of the workbench in the dark and in the light theme: <name>-dark.png and <name>-light.png. */
export async function screenshotInBothThemes(session: Session, dir: string, name: string): Promise<void> {
  await setColorTheme(session, 'dark');
  await session.workbench.screenshot(dir, `${name}-dark`);
  await setColorTheme(session, 'light');
  await session.workbench.screenshot(dir, `${name}-light`);
  await setColorTheme(session, 'dark');
}
