import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ForgeService, startForgeService } from './harness/forgeService';
import { type Session, startSession } from './harness/session';
import { themeSettings } from './harness/themes';
import { locateVsix, repositoryRoot } from './harness/vscodeWeb';
import { brokenWorkflow, releaseJourney } from './journey/releaseJourney';
import { signInFromPalette } from './journey/signIn';

const claimsRepo = join(repositoryRoot, 'examples', 'claims-repo');

describe('the release journey against a separately started service (forge.serverUrl) with three signed-in users', function () {
  this.timeout(180_000);
  this.bail(true);
  let service: ForgeService;
  let session: Session;

  before(async () => {
    service = await startForgeService();
    const original = readFileSync(join(claimsRepo, brokenWorkflow), 'utf8');
    const broken = original.replace('"dependencies": ["classify"]', '"dependencies": ["clasify"]');
    // The folder's settings name the server; with no token stored the extension starts signed out.
    session = await startSession({
      copyFrom: claimsRepo,
      vsix: [locateVsix()],
      settings: themeSettings,
      files: { [brokenWorkflow]: broken, '.vscode/settings.json': JSON.stringify({ 'forge.serverUrl': service.url }), '.gitignore': '.vscode/\n' },
    });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: session.sandbox.workspace });
    git('init', '--quiet', '--initial-branch=main');
    git('config', 'user.name', 'Erin Example');
    git('config', 'user.email', 'erin@example.invalid');
    git('add', '.');
    git('commit', '--quiet', '-m', 'Claims workflows');
    await session.workbench.openActivity('Forge Releases');
    await session.workbench.waitForView('Environments');
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
  });
});
