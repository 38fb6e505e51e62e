import type { Session } from './session';

/** After a failed test: a screenshot of the workbench named after the test, and the extension host's last log lines. */
export async function reportFailedTest(test: Mocha.Test | undefined, session: Session | undefined, screenshots: string): Promise<void> {
  if (test?.state !== 'failed' || !session) return;
  await session.workbench.screenshot(screenshots, `FAILED-${test.title.replace(/\W+/g, '-')}`);
  console.log(session.extensionHostLog().slice(-6000));
}
