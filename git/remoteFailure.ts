import { GitCommandError, RemoteError, firstMeaningfulLine, type RemoteErrorCode } from './gitErrors';

/** How long a fetch, push or clone may stay silent before it is stopped. */
export const defaultRemoteTimeoutMs = 120_000;

// Checked in order: git prints "Could not read from remote repository" for several causes,
// so the more specific lines win.
const remoteFailurePatterns: ReadonlyArray<readonly [RemoteErrorCode, RegExp]> = [
  ['remote_timeout', /timed out after \d+ ms/],
  ['remote_rejected', /\[(remote )?rejected\]|failed to push|would clobber|already exists|non-fast-forward/i],
  ['remote_auth_failed', /authentication failed|permission denied|could not read (username|password)|terminal prompts disabled|error: 40[13]/i],
  ['remote_not_found', /does not appear to be a git repository|repository .* (not found|does not exist)|error: 404/i],
  ['remote_unreachable', /could not resolve host|failed to connect|couldn't connect|connection (refused|timed out|reset)|unable to access/i],
];

/** Runs a fetch, push or clone, turning a git failure into a RemoteError with a code. */
export async function withRemote<T>(remote: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof GitCommandError)) throw error;
    const match = remoteFailurePatterns.find(([, pattern]) => pattern.test(error.stderr));
    throw new RemoteError(match?.[0] ?? 'remote_failed', remote, firstMeaningfulLine(error.stderr));
  }
}
