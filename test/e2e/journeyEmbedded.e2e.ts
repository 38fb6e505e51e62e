import type { Session } from './harness/session';
import { releaseJourney, startJourneySession } from './journey/releaseJourney';
import { embeddedAdminAccess, signInFromPalette } from './journey/signIn';

describe('the release journey on the embedded default (forge.serverUrl empty, one admin)', function () {
  this.timeout(180_000);
  this.bail(true);
  let session: Session;

  before(async () => {
    session = await startJourneySession();
    // Nothing to configure: the extension starts its own service and signs in as its admin.
    await session.workbench.page.locator('.statusbar-item[id$="forge.session"]', { hasText: 'admin (admin) @ embedded' }).waitFor({ timeout: 90_000 });
    await session.workbench.resizeSideBar(480);
  });

  after(async () => {
    await session?.stop();
  });

  releaseJourney({
    label: 'embedded',
    session: () => session,
    // The embedded service: leave the server empty; a reviewer pastes the token the admin gave them.
    signIn: (reviewer) => signInFromPalette(session.workbench, '', reviewer?.token ?? '', reviewer?.name ?? 'admin'),
    adminAccess: () => embeddedAdminAccess(session),
  });
});
