import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Session, startSession } from './harness/session';
import { themeSettings } from './harness/themes';
import { locateVsix, repositoryRoot } from './harness/vscodeWeb';
import { brokenWorkflow, releaseJourney } from './journey/releaseJourney';
import { signInFromPalette } from './journey/signIn';

const claimsRepo = join(repositoryRoot, 'examples', 'claims-repo');

describe('the release journey on the embedded default (forge.serverUrl empty, one admin)', function () {
  this.timeout(180_000);
  this.bail(true);
  let session: Session;

  before(async () => {
    // The repository's history holds the classic typo: the route node depends on "clasify".
    const original = readFileSync(join(claimsRepo, brokenWorkflow), 'utf8');
    const broken = original.replace('"dependencies": ["classify"]', '"dependencies": ["clasify"]');
    if (broken === original) throw new Error('the example changed: pick another dependency to break');
    session = await startSession({ copyFrom: claimsRepo, vsix: [locateVsix()], settings: themeSettings, files: { [brokenWorkflow]: broken } });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: session.sandbox.workspace });
    git('init', '--quiet', '--initial-branch=main');
    git('config', 'user.name', 'Erin Example');
    git('config', 'user.email', 'erin@example.invalid');
    git('add', '.');
    git('commit', '--quiet', '-m', 'Claims workflows');
    await session.workbench.openActivity('Forge Releases');
    await session.workbench.waitForView('Environments');
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
  });
});
