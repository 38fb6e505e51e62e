import type { Browser } from 'playwright-core';
import { type CodeServer, extensionHostLog, installVsix, startCodeServer } from './codeServer';
import { disposeSandbox, makeSandbox, type Sandbox, type SandboxOptions } from './sandbox';
import { locateVscodeWeb } from './vscodeWeb';
import { launchChromium, Workbench } from './workbench';

/** code-server with extensions installed, and a browser on its workbench; stop() releases all of it. */
export interface Session {
  sandbox: Sandbox;
  server: CodeServer;
  browser: Browser;
  workbench: Workbench;
  /** How long each start-up step took, in milliseconds. */
  timings: Record<string, number>;
  /** The extension host's log, for failure reports. */
  extensionHostLog(): string;
  stop(): Promise<void>;
}

export interface SessionOptions extends SandboxOptions {
  /** .vsix files to install, or a function that makes them in the fresh sandbox. */
  vsix: string[] | ((sandbox: Sandbox) => string[]);
}

/** Makes a sandbox, installs the extensions, starts code-server and opens the workbench in headless chromium. */
export async function startSession(options: SessionOptions): Promise<Session> {
  const { codeServer, chromium } = locateVscodeWeb();
  const sandbox = makeSandbox(options);
  const timings: Record<string, number> = {};
  let started = Date.now();
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    installVsix(codeServer, sandbox, ...(typeof options.vsix === 'function' ? options.vsix(sandbox) : options.vsix));
    timings.install = Date.now() - started;
    started = Date.now();
    server = await startCodeServer(codeServer, sandbox);
    browser = await launchChromium(chromium);
    const workbench = await Workbench.open(browser, server.url, sandbox.workspace);
    timings.workbench = Date.now() - started;
    const running = { server, browser };
    return {
      sandbox,
      server,
      browser,
      workbench,
      timings,
      extensionHostLog: () => extensionHostLog(sandbox),
      stop: async () => {
        await running.browser.close();
        await running.server.stop();
        disposeSandbox(sandbox);
      },
    };
  } catch (error) {
    await browser?.close();
    await server?.stop();
    disposeSandbox(sandbox);
    throw error;
  }
}
