import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';

export interface Person {
  name: string;
  email: string;
}

export const committer: Person = { name: 'Test Committer', email: 'committer@example.com' };

/** A temp folder holding a bare "origin" and a working clone of it; `remove()` deletes everything. */
export interface RepositoryFixture {
  root: string;
  origin: string;
  work: string;
  git: SimpleGit;
  remove(): Promise<void>;
}

/** Files to write (text) or delete (null), by repository-relative path. */
export type FileChanges = Record<string, string | null>;

/** A simple-git client whose `git init` creates `main`, as on a current git host. */
export function gitIn(dir: string): SimpleGit {
  return simpleGit({ baseDir: dir, config: ['init.defaultBranch=main'] });
}

/** Creates an empty bare origin and a working clone with a local identity. */
export async function createRepositoryFixture(): Promise<RepositoryFixture> {
  const root = await mkdtemp(join(tmpdir(), 'forge-git-'));
  const origin = join(root, 'origin.git');
  const work = join(root, 'work');
  await mkdir(origin);
  await gitIn(origin).init(true);
  await gitIn(root).clone(origin, work);
  const git = gitIn(work);
  await setIdentity(git, committer);
  return { root, origin, work, git, remove: () => rm(root, { recursive: true, force: true }) };
}

/** Another clone of the fixture's origin (a second developer), with its own identity. */
export async function cloneOrigin(fixture: RepositoryFixture, name: string): Promise<SimpleGit> {
  const dir = join(fixture.root, name);
  await gitIn(fixture.root).clone(fixture.origin, dir);
  const git = gitIn(dir);
  await setIdentity(git, { name, email: `${name}@example.com` });
  return git;
}

export async function setIdentity(git: SimpleGit, person: Person): Promise<void> {
  await git.addConfig('user.name', person.name);
  await git.addConfig('user.email', person.email);
}

/** Writes and deletes files in the working tree without committing. */
export async function writeFiles(workDir: string, changes: FileChanges): Promise<void> {
  for (const [path, text] of Object.entries(changes)) {
    const file = join(workDir, path);
    if (text === null) {
      await rm(file, { force: true });
    } else {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, text);
    }
  }
}

/** Applies the changes and commits them with `author` (default: the committer); returns the sha. */
export async function commitFiles(git: SimpleGit, message: string, changes: FileChanges, author?: Person): Promise<string> {
  const workDir = (await git.revparse(['--show-toplevel'])).trim();
  await writeFiles(workDir, changes);
  await git.raw(['add', '--all']);
  const args = ['commit', '--quiet', '--allow-empty', `--message=${message}`];
  if (author) args.push(`--author=${author.name} <${author.email}>`);
  await git.raw(args);
  return (await git.revparse(['HEAD'])).trim();
}

/** A true merge commit (`--no-ff`) made by `merger`, with GitHub's subject and the PR title as body. */
export async function mergePullRequest(git: SimpleGit, branch: string, subject: string, body: string, merger: Person): Promise<string> {
  await setIdentity(git, merger);
  await git.raw(['merge', '--no-ff', '--quiet', `--message=${subject}`, `--message=${body}`, branch]);
  await setIdentity(git, committer);
  return (await git.revparse(['HEAD'])).trim();
}

/** Stand-alone JSON text for an artifact file, distinct per name and revision. */
export function artifactText(kind: string, name: string, revision: number): string {
  return `${JSON.stringify({ kind, name, description: `revision ${revision}`, spec: {} }, null, 2)}\n`;
}
