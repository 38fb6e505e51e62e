import { mkdir, readdir, realpath } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { gitText } from './gitCommand';
import { NotAGitRepositoryError } from './gitErrors';
import { defaultRemoteTimeoutMs, withRemote } from './remoteFailure';

export interface MirrorRequest {
  /** The watched repository: a local path or a URL (`https://…`, `ssh://…`, `git@host:owner/repo`). */
  source: string;
  /** Where the bare mirror lives, e.g. `<dataDir>/repo.git`. */
  dir: string;
  /** Give up when the remote sends nothing for this long (default 120 s). */
  timeoutMs?: number;
}

export interface MirrorSync {
  /** Absolute path of the bare mirror: pass it as `repoPath` to the other git functions. */
  path: string;
  /** True when this call cloned it, false when it fetched into an existing mirror. */
  created: boolean;
}

// Branches and tags only: a full `--mirror` would also copy hosting refs such as refs/pull/*.
const mirroredRefs = ['+refs/heads/*:refs/heads/*', '+refs/tags/*:refs/tags/*'];
const syncsInProgress = new Map<string, Promise<MirrorSync>>();

/**
 * Keeps a bare copy of `source` in `dir`: clones it when absent, otherwise fetches branches and tags
 * (moved tags follow the source, deleted ones are pruned). Calls for the same dir are serialised.
 */
export function syncMirror(request: MirrorRequest): Promise<MirrorSync> {
  const dir = resolve(request.dir);
  const previous = syncsInProgress.get(dir) ?? Promise.resolve();
  const run = () => syncOnce(dir, request);
  // Two git fetches into one repository would fight over ref locks (poll and webhook can coincide).
  const next = previous.then(run, run);
  syncsInProgress.set(dir, next);
  const forget = () => {
    if (syncsInProgress.get(dir) === next) syncsInProgress.delete(dir);
  };
  next.then(forget, forget);
  return next;
}

async function syncOnce(dir: string, request: MirrorRequest): Promise<MirrorSync> {
  const source = sourceLocation(request.source);
  const timeoutMs = request.timeoutMs ?? defaultRemoteTimeoutMs;
  if (await isMissingOrEmpty(dir)) {
    const parent = dirname(dir);
    await mkdir(parent, { recursive: true });
    await withRemote(source, () => gitText(parent, ['clone', '--bare', '--quiet', '--', source, dir], { timeoutMs }));
    return { path: dir, created: true };
  }
  await assertBareRepositoryAt(dir);
  // The source may have changed since the clone (e.g. a new --repo); always fetch from the current one.
  await gitText(dir, ['config', 'remote.origin.url', source]);
  await withRemote(source, () => gitText(dir, ['fetch', '--prune', '--quiet', 'origin', ...mirroredRefs], { timeoutMs }));
  return { path: dir, created: false };
}

/** git's own rule: `scheme://…` and `[user@]host:path` (no slash before the colon) are URLs; the rest are paths. */
function sourceLocation(source: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) return source;
  const colon = source.indexOf(':');
  const slash = source.indexOf('/');
  if (colon > 0 && (slash < 0 || colon < slash)) return source;
  return resolve(source);
}

async function isMissingOrEmpty(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

/** Refuses a directory that is not itself a bare repository, even if it sits inside another repository. */
async function assertBareRepositoryAt(dir: string): Promise<void> {
  const gitDir = (await gitText(dir, ['rev-parse', '--absolute-git-dir'])).trim();
  if ((await realpath(gitDir)) !== (await realpath(dir))) throw new NotAGitRepositoryError(dir);
}
