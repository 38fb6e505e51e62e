import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type Browser, chromium, type FrameLocator, type Page } from 'playwright-core';

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Launches headless Debian chromium through playwright-core (never a downloaded browser). */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: chromiumArgs });
}

/** One console message of the page or any of its frames (webviews included). */
export interface ConsoleEntry {
  type: string;
  text: string;
  url: string;
}

/** A row of the Problems panel: its accessible label and its visible text. */
export interface ProblemRow {
  label: string;
  text: string;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A VS Code workbench in a browser page, with helpers that drive it like a user. */
export class Workbench {
  /** Every console message and uncaught page error, for assertions and for failure reports. */
  readonly console: ConsoleEntry[] = [];

  private constructor(readonly page: Page) {
    page.on('console', (message) => this.console.push({ type: message.type(), text: message.text(), url: message.location().url }));
    page.on('pageerror', (error) => this.console.push({ type: 'pageerror', text: error.message, url: '' }));
  }

  /** Opens the workbench on a folder and waits until the Explorer lists the folder's files. */
  static async open(browser: Browser, baseUrl: string, folder: string): Promise<Workbench> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const workbench = new Workbench(page);
    await page.goto(`${baseUrl}/?folder=${encodeURIComponent(folder)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    return workbench;
  }

  /** Content-Security-Policy violations reported in any frame. */
  cspViolations(): ConsoleEntry[] {
    return this.console.filter((entry) => /Content Security Policy/i.test(entry.text));
  }

  /**
   * Waits for a view an extension contributes: Explorer rows show before the extension host has registered
   * contributions, and a palette opened earlier finds no commands.
   */
  async waitForView(title: string, timeoutMs = 60_000): Promise<void> {
    await this.page.locator('.pane-header .title', { hasText: title }).first().waitFor({ state: 'attached', timeout: timeoutMs });
  }

  /** Clicks an activity bar entry by its label (e.g. "Forge Releases"). */
  async openActivity(label: string): Promise<void> {
    await this.page.locator(`.activitybar .action-item a[aria-label^="${label}"]`).first().click();
  }

  /**
   * Runs a command by its palette label ("Forge: Validate Workspace"). Retries, because the quick input closes
   * itself when focus moves while the workbench is still restoring.
   */
  async runCommand(label: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}`) }).first();
    let lastError: unknown;
    while (Date.now() < deadline) {
      try {
        if (await input.isVisible()) await this.page.keyboard.press('Escape');
        await this.page.keyboard.press('F1');
        await input.waitFor({ state: 'visible', timeout: 5000 });
        await input.fill(`>${label}`);
        await row.waitFor({ state: 'visible', timeout: 5000 });
        await row.click();
        // Done when the palette closed, or when the command opened its own quick input in the same widget.
        await this.page.waitForFunction(
          () => {
            const box = document.querySelector<HTMLInputElement>('.quick-input-widget .quick-input-box input');
            return !box || box.offsetParent === null || !box.value.startsWith('>');
          },
          undefined,
          { timeout: 5000 },
        );
        return;
      } catch (error) {
        lastError = error;
      }
    }
    throw new Error(`could not run "${label}": ${lastError instanceof Error ? lastError.message : String(lastError)}`);
  }

  /** Opens a workspace file with Quick Open (Ctrl+P) and waits for its editor. */
  async openFile(path: string): Promise<void> {
    const name = basename(path);
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await this.page.keyboard.press('Control+P');
    await input.waitFor({ state: 'visible' });
    await input.fill(path);
    await this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator(`.tabs-container .tab.active[data-resource-name="${name}"]`).waitFor();
    await this.activeEditor().locator('.view-lines').waitFor();
  }

  /** The editor of the active group. */
  activeEditor() {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** Moves the cursor to a one-based line and column with "Go to Line" (Ctrl+G). */
  async goTo(line: number, column: number): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await this.activeEditor().locator('.view-lines').click();
    await this.page.keyboard.press('Control+G');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
  }

  /** Selects `length` characters to the right of the cursor and types over them. */
  async replaceAtCursor(length: number, text: string): Promise<void> {
    for (let i = 0; i < length; i++) await this.page.keyboard.press('Shift+ArrowRight');
    await this.page.keyboard.type(text);
  }

  /** Opens the quick fix menu at the cursor (Ctrl+.) and applies the entry with this title. */
  async applyQuickFix(title: string, whileOpen?: () => Promise<unknown>): Promise<void> {
    await this.page.keyboard.press('Control+.');
    const item = this.page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
    await item.waitFor({ state: 'visible' });
    await whileOpen?.();
    await item.click();
    await item.waitFor({ state: 'hidden' });
  }

  /** Labels of the rows of a side-bar view, e.g. treeItems('Environments'). */
  async treeItems(viewTitle: string, minCount = 1): Promise<string[]> {
    const pane = this.page.locator('.pane', { has: this.page.locator('.pane-header .title', { hasText: viewTitle }) });
    const header = pane.locator('.pane-header');
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    const rows = pane.locator('.pane-body .monaco-list-row');
    await rows.nth(minCount - 1).waitFor();
    return rows.evaluateAll((elements) => elements.map((element) => (element.querySelector('.label-name')?.textContent ?? element.textContent ?? '').trim()));
  }

  /** A row of a side-bar view by the start of its label (the view must be expanded). */
  treeRow(viewTitle: string, label: string) {
    const pane = this.page.locator('.pane', { has: this.page.locator('.pane-header .title', { hasText: viewTitle }) });
    return pane.locator('.pane-body .monaco-list-row', { has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}`) }) }).first();
  }

  /** The text a tree row shows: its label, a space, its description. */
  async treeRowText(viewTitle: string, label: string): Promise<string> {
    const row = this.treeRow(viewTitle, label);
    const [name, description] = await Promise.all([
      row.locator('.label-name').innerText(),
      row
        .locator('.label-description')
        .innerText()
        .catch(() => ''),
    ]);
    return `${name} ${description}`.replace(/\s+/g, ' ').trim();
  }

  /**
   * Right-clicks a tree row and runs an entry of its context menu. A click that lands while the menu is still
   * settling (a live tree update re-renders the row under it) leaves the menu open, so it is tried again.
   */
  async treeContextMenu(viewTitle: string, label: string, action: string): Promise<void> {
    await this.treeRow(viewTitle, label).click({ button: 'right' });
    const menu = this.page.locator('.context-view .monaco-menu');
    const item = menu.locator('.action-item', { hasText: action }).first();
    await item.waitFor({ state: 'visible' });
    for (let attempt = 1; ; attempt++) {
      await item.click();
      try {
        await menu.waitFor({ state: 'hidden', timeout: 2_000 });
        return;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }

  /** In the open quick pick, chooses the entry whose label starts with `label`. */
  async pickQuickItem(label: string, timeoutMs = 20_000): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: timeoutMs });
    const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}`) }).first();
    await row.waitFor({ state: 'visible', timeout: timeoutMs });
    await row.click();
  }

  /**
   * Types into the open input box (quick input) and presses Enter. With `title`, waits for the input box with
   * that title, so a quick pick still closing cannot take the answer.
   */
  async answerInput(text: string, timeoutMs = 20_000, title?: string): Promise<void> {
    const widget = title
      ? this.page.locator('.quick-input-widget', { has: this.page.locator('.quick-input-title', { hasText: title }) })
      : this.page.locator('.quick-input-widget');
    const input = widget.locator('.quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: timeoutMs });
    await input.fill(text);
    await this.page.keyboard.press('Enter');
  }

  /**
   * Answers a save dialog (code-server's simple file dialog, a quick input) with a path, once the input with
   * this title shows: another quick input closing at the same time must not get the path.
   */
  async answerSaveDialog(title: string, path: string, timeoutMs = 30_000): Promise<void> {
    const widget = this.page.locator('.quick-input-widget', { has: this.page.locator('.quick-input-title', { hasText: title }) });
    await widget.waitFor({ state: 'visible', timeout: timeoutMs });
    const input = widget.locator('.quick-input-box input');
    // The dialog fills in its default path a moment after it shows: wait for it, or it overwrites ours.
    await this.page.waitForFunction(() => (document.querySelector<HTMLInputElement>('.quick-input-widget .quick-input-box input')?.value ?? '') !== '', undefined, {
      timeout: timeoutMs,
    });
    for (let attempt = 1; ; attempt++) {
      await input.fill(path);
      await this.page.waitForTimeout(300);
      if ((await input.inputValue()) === path) break;
      if (attempt === 5) throw new Error(`the save dialog kept replacing the path: ${await input.inputValue()}`);
    }
    await this.page.keyboard.press('Enter');
    await widget.waitFor({ state: 'hidden', timeout: timeoutMs });
  }

  /** Clicks a button of the modal dialog (e.g. "Deploy"); returns the dialog's text. */
  async clickDialogButton(label: string, timeoutMs = 20_000): Promise<string> {
    const dialog = this.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: timeoutMs });
    const text = await dialog.innerText();
    await dialog
      .locator('.monaco-button', { hasText: new RegExp(`^${escapeRegExp(label)}$`) })
      .first()
      .click();
    await dialog.waitFor({ state: 'hidden', timeout: timeoutMs });
    return text;
  }

  /** The text of the open modal dialog (waits for one). */
  async dialogText(timeoutMs = 20_000): Promise<string> {
    const dialog = this.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: timeoutMs });
    return dialog.innerText();
  }

  /** The number on an activity bar entry's badge (e.g. releases waiting for a decision), or '' without one. */
  async activityBadge(label: string): Promise<string> {
    const badge = this.page.locator('.activitybar .action-item', { has: this.page.locator(`a[aria-label^="${label}"]`) }).locator('.badge-content');
    return (await badge.count()) > 0 && (await badge.first().isVisible()) ? (await badge.first().innerText()).trim() : '';
  }

  /** Makes an editor tab active by the start of its title (e.g. "Release Pipeline"). */
  async activateTab(title: string): Promise<void> {
    await this.page
      .locator('.tabs-container .tab', { has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}`) }) })
      .first()
      .click();
  }

  /** Clicks a button of a notification toast whose message matches. */
  async clickNotificationButton(message: RegExp, button: string, timeoutMs = 30_000): Promise<void> {
    const toast = this.page.locator('.notifications-toasts .notification-list-item', { hasText: message }).first();
    await toast.waitFor({ state: 'visible', timeout: timeoutMs });
    await toast.locator('.monaco-button', { hasText: button }).first().click();
  }

  /** Drags the side bar's edge so the side bar is `width` pixels wide (tree descriptions stop being cut off). */
  async resizeSideBar(width: number): Promise<void> {
    const box = await this.page.locator('.part.sidebar').boundingBox();
    if (!box) throw new Error('the side bar is not visible');
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width + 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width, y, { steps: 8 });
    await this.page.mouse.up();
  }

  /** The welcome text a view shows while it has no items. */
  async viewWelcome(viewTitle: string): Promise<string> {
    const pane = this.page.locator('.pane', { has: this.page.locator('.pane-header .title', { hasText: viewTitle }) });
    const welcome = pane.locator('.welcome-view-content');
    await welcome.waitFor({ state: 'visible' });
    return (await welcome.innerText()).trim();
  }

  /**
   * Opens the Problems panel (Ctrl+Shift+M) and returns its rows: file rows and marker rows. A marker row's
   * label reads like "Error: <message> at line 51 and character 28. generated by forge"; its text shows the
   * source and code on lines of their own, then "[Ln 51, Col 28]".
   */
  async problems(): Promise<ProblemRow[]> {
    if (!(await this.page.locator('.markers-panel').isVisible())) await this.page.keyboard.press('Control+Shift+M');
    await this.page.locator('.markers-panel').waitFor({ state: 'visible' });
    return this.page
      .locator('.markers-panel .monaco-list-row')
      .evaluateAll((rows) => rows.map((row) => ({ label: row.getAttribute('aria-label') ?? '', text: (row as HTMLElement).innerText })));
  }

  /** Polls the Problems panel until its rows satisfy the predicate; returns them. */
  async waitForProblems(predicate: (rows: ProblemRow[]) => boolean, timeoutMs = 20_000): Promise<ProblemRow[]> {
    const deadline = Date.now() + timeoutMs;
    let rows = await this.problems();
    while (!predicate(rows)) {
      if (Date.now() > deadline) throw new Error(`Problems did not reach the expected state; rows:\n${rows.map((row) => row.label).join('\n')}`);
      await this.page.waitForTimeout(200);
      rows = await this.problems();
    }
    return rows;
  }

  /** The content frame of the visible webview (outer iframe.webview, inner iframe#active-frame). */
  webviewFrame(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('iframe#active-frame');
  }

  /** Saves a screenshot of the whole workbench as <dir>/<name>.png; returns its path. */
  async screenshot(dir: string, name: string): Promise<string> {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }
}
