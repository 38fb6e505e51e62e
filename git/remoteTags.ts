import { gitText } from './gitCommand';
import { defaultRemoteTimeoutMs, withRemote } from './remoteFailure';

export interface RemoteOptions {
  /** Remote name or URL; `origin` when absent. */
  remote?: string;
  /** Give up when the remote sends nothing for this long (default 120 s). */
  timeoutMs?: number;
}

/** Pushes one tag to the remote; RemoteError (`remote_rejected`) when the remote has that tag elsewhere. */
export async function pushTag(repoPath: string, tag: string, options: RemoteOptions = {}): Promise<void> {
  const remote = options.remote ?? 'origin';
  const ref = `refs/tags/${tag}`;
  await withRemote(remote, () => gitText(repoPath, ['push', remote, `${ref}:${ref}`], { timeoutMs: options.timeoutMs ?? defaultRemoteTimeoutMs }));
}

/**
 * Fetches the remote's tags into the repository. A tag that exists locally with another target is
 * not overwritten (RemoteError `remote_rejected`), so local history is never rewritten silently.
 */
export async function fetchTags(repoPath: string, options: RemoteOptions = {}): Promise<void> {
  const remote = options.remote ?? 'origin';
  await withRemote(remote, () => gitText(repoPath, ['fetch', '--tags', remote], { timeoutMs: options.timeoutMs ?? defaultRemoteTimeoutMs }));
}
