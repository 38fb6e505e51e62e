import { gitText } from './gitCommand';
import { GitCommandError } from './gitErrors';
import { listTreeBlobs, readBlobs } from './commitTree';
import { defaultRemoteTimeoutMs, withRemote } from './remoteFailure';

/**
 * A set of text files kept on a ref of their own, outside every branch (e.g. `refs/forge/audit`): each change is a
 * commit on that ref, so any clone that fetches it holds the whole history. Written with plumbing only, so it works
 * in a bare repository and never touches a working tree or the branches.
 */
export interface RefFiles {
  commit: string;
  /** File name → text. */
  files: Map<string, string>;
}

/** The commit a ref points to, or null when it does not exist. */
export async function refCommit(repoPath: string, ref: string): Promise<string | null> {
  const out = await gitText(repoPath, ['for-each-ref', '--format=%(objectname)', ref]);
  return out.trim().split('\n')[0] || null;
}

/** The files on `ref` at its commit (or `commit`), or null when the ref does not exist. */
export async function readRefFiles(repoPath: string, ref: string, commit?: string): Promise<RefFiles | null> {
  const at = commit ?? (await refCommit(repoPath, ref));
  if (at === null) return null;
  const blobs = await listTreeBlobs(repoPath, at, null);
  const contents = await readBlobs(
    repoPath,
    blobs.map((entry) => entry.blob),
  );
  return { commit: at, files: new Map(blobs.map((entry) => [entry.path, contents.get(entry.blob)?.toString('utf8') ?? ''])) };
}

/** Who commits to the ref. */
export interface RefCommitter {
  name: string;
  email: string;
}

/**
 * Commits `files` (the whole set: file name → text, top-level names only) on top of `parent` (null: a first commit)
 * and moves `ref` to it, only if the ref still points to `expected` (null: absent), so concurrent writers in one
 * repository cannot lose each other's commits. Returns the new commit.
 */
export async function commitRefFiles(
  repoPath: string,
  ref: string,
  change: { parent: string | null; expected: string | null; files: ReadonlyMap<string, string>; message: string; committer: RefCommitter },
): Promise<string> {
  const entries: string[] = [];
  for (const [name, text] of [...change.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (name.includes('/') || name.includes('\t') || name.includes('\n')) throw new GitCommandError('mktree', `"${name}" is not a top-level file name`);
    const blob = (await gitText(repoPath, ['hash-object', '-w', '--stdin'], { input: text })).trim();
    entries.push(`100644 blob ${blob}\t${name}`);
  }
  const tree = (await gitText(repoPath, ['mktree'], { input: entries.length > 0 ? `${entries.join('\n')}\n` : '' })).trim();
  const identity = ['-c', `user.name=${change.committer.name}`, '-c', `user.email=${change.committer.email}`];
  const parents = change.parent ? ['-p', change.parent] : [];
  const commit = (await gitText(repoPath, [...identity, 'commit-tree', tree, ...parents, '-m', change.message])).trim();
  await moveRef(repoPath, ref, commit, change.expected);
  return commit;
}

/** Points `ref` at `commit`, only if it still points to `expected` (null: absent). */
export async function moveRef(repoPath: string, ref: string, commit: string, expected: string | null): Promise<void> {
  await gitText(repoPath, ['update-ref', ref, commit, expected ?? '0'.repeat(40)]);
}

/** Whether `ancestor` is `descendant` or one of its ancestors. */
export async function isAncestor(repoPath: string, ancestor: string, descendant: string): Promise<boolean> {
  const base = await gitText(repoPath, ['merge-base', ancestor, descendant]).catch((error: unknown) => {
    // Unrelated histories have no merge base: git exits 1 with no output.
    if (error instanceof GitCommandError) return '';
    throw error;
  });
  return base.trim() === ancestor;
}

/**
 * Fetches `ref` of `remote` into `localRef` (forced: it mirrors the remote). False when the remote has no such ref;
 * a RemoteError when the remote cannot be reached.
 */
export async function fetchRef(repoPath: string, remote: string, ref: string, localRef: string, timeoutMs = defaultRemoteTimeoutMs): Promise<boolean> {
  const advertised = await withRemote(remote, () => gitText(repoPath, ['ls-remote', '--end-of-options', remote, ref], { timeoutMs }));
  if (advertised.trim() === '') return false;
  await withRemote(remote, () => gitText(repoPath, ['fetch', '--quiet', '--no-tags', remote, `+${ref}:${localRef}`], { timeoutMs }));
  return true;
}

/** Pushes `ref` to the same ref of `remote`, fast-forward only; a RemoteError (`remote_rejected`, …) when refused. */
export async function pushRef(repoPath: string, remote: string, ref: string, timeoutMs = defaultRemoteTimeoutMs): Promise<void> {
  await withRemote(remote, () => gitText(repoPath, ['push', '--quiet', remote, `${ref}:${ref}`], { timeoutMs }));
}
