import { type ForgeService, startForgeService } from './harness/forgeService';
import type { Session } from './harness/session';
import { releaseJourney, startJourneySession } from './journey/releaseJourney';
import { signInFromPalette } from './journey/signIn';

describe('the release journey against a separately started service (forge.serverUrl) with three signed-in users', function () {
  this.timeout(180_000);
  this.bail(true);
  let service: ForgeService;
  let session: Session;

  before(async () => {
    service = await startForgeService();
    // The folder's settings name the server; with no token stored the extension starts signed out.
    session = await startJourneySession({ '.vscode/settings.json': JSON.stringify({ 'forge.serverUrl': service.url }), '.gitignore': '.vscode/\n' });
    await signInFromPalette(session.workbench, service.url, service.adminToken, 'admin');
    await session.workbench.resizeSideBar(480);
  });

  after(async () => {
    await session?.stop();
    await service?.stop();
  });

  releaseJourney({
    label: 'service',
    session: () => session,
    signIn: (reviewer) => signInFromPalette(session.workbench, service.url, reviewer?.token ?? service.adminToken, reviewer?.name ?? 'admin'),
    reloadAfterDeploy: true,
    adminAccess: async () => ({ url: service.url, token: service.adminToken }),
  });
});
