/** Every failure the git layer reports; `code` is stable so faces can map it once (HTTP status, exit code). */
export abstract class GitLayerError extends Error {
  abstract readonly code: string;
}

/** The path does not exist or is not inside a git repository. */
export class NotAGitRepositoryError extends GitLayerError {
  readonly code = 'not_a_git_repository';
  constructor(readonly path: string) {
    super(`${path} is not a git repository (run the command inside a repository, or pass its path)`);
    this.name = 'NotAGitRepositoryError';
  }
}

/** A branch, tag or commit name that does not resolve to a commit. */
export class UnknownRefError extends GitLayerError {
  readonly code = 'unknown_ref';
  constructor(readonly ref: string) {
    super(`"${ref}" does not name a commit in this repository`);
    this.name = 'UnknownRefError';
  }
}

/** A tag that cannot be created because the name is already taken. */
export class TagExistsError extends GitLayerError {
  readonly code = 'tag_exists';
  constructor(
    readonly tag: string,
    readonly commit: string,
  ) {
    super(`tag ${tag} already exists (at ${commit.slice(0, 12)}); choose another version`);
    this.name = 'TagExistsError';
  }
}

/** A tag name git refuses (spaces, `..`, a trailing `.lock` …). */
export class InvalidTagNameError extends GitLayerError {
  readonly code = 'invalid_tag_name';
  constructor(readonly tag: string) {
    super(`"${tag}" is not a valid tag name`);
    this.name = 'InvalidTagNameError';
  }
}

/** forge.json at a commit is not valid JSON or its `artifacts` entry has the wrong shape. */
export class InvalidForgeConfigError extends GitLayerError {
  readonly code = 'invalid_forge_config';
  constructor(
    /** Which forge.json, e.g. `forge.json at 1a2b3c4d5e6f`. */
    readonly location: string,
    readonly detail: string,
  ) {
    super(`${location} is invalid: ${detail}`);
    this.name = 'InvalidForgeConfigError';
  }
}

export type RemoteErrorCode = 'remote_not_found' | 'remote_unreachable' | 'remote_auth_failed' | 'remote_rejected' | 'remote_timeout' | 'remote_failed';

/** A fetch, push or clone that failed on the remote side; the message never carries credentials. */
export class RemoteError extends GitLayerError {
  /** The remote name or URL, credentials removed. */
  readonly remote: string;
  /** git's explanation, credentials removed. */
  readonly detail: string;
  constructor(
    readonly code: RemoteErrorCode,
    remote: string,
    detail: string,
  ) {
    const safeRemote = redactCredentials(remote);
    const safeDetail = redactCredentials(detail);
    super(`${remoteFailureSummary[code]} (${safeRemote}): ${safeDetail}`);
    this.name = 'RemoteError';
    this.remote = safeRemote;
    this.detail = safeDetail;
  }
}

const remoteFailureSummary: Record<RemoteErrorCode, string> = {
  remote_not_found: 'remote repository not found',
  remote_unreachable: 'cannot reach the remote repository',
  remote_auth_failed: 'the remote refused the credentials',
  remote_rejected: 'the remote rejected the update',
  remote_timeout: 'the remote did not answer in time',
  remote_failed: 'the remote operation failed',
};

/** Any other git failure: the command (credentials removed) and git's own message. */
export class GitCommandError extends GitLayerError {
  readonly code = 'git_failed';
  /** The git arguments, credentials removed. */
  readonly command: string;
  /** git's output on failure, credentials removed. */
  readonly stderr: string;
  constructor(command: string, stderr: string) {
    const safeStderr = redactCredentials(stderr);
    super(`git ${redactCredentials(command)} failed: ${firstMeaningfulLine(safeStderr)}`);
    this.name = 'GitCommandError';
    this.command = redactCredentials(command);
    this.stderr = safeStderr;
  }
}

/** Removes `user:password@` from URLs so tokens embedded in remote URLs never reach messages or logs. */
export function redactCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1***@');
}

/** The first line that says something (git prefixes the useful one with `fatal:` or `error:`). */
export function firstMeaningfulLine(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const fatal = lines.find((line) => /^(fatal|error):/.test(line));
  return (fatal ?? lines[0] ?? 'no output').replace(/^(fatal|error):\s*/, '');
}
