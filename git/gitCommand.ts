import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { GitError, GitPluginError, simpleGit, type SimpleGit, type SimpleGitOptions } from 'simple-git';
import { GitCommandError, NotAGitRepositoryError } from './gitErrors';

export interface GitRunOptions {
  /** Stop git after this many milliseconds without output (network operations). */
  timeoutMs?: number;
  /** Text written to git's standard input (e.g. the object list of `cat-file --batch`). */
  input?: string;
}

/**
 * Runs one simple-git task in `repoPath`, turning its failures into the layer's typed errors;
 * `args` are the git arguments the task runs, named in error messages.
 */
export async function runGit<T>(repoPath: string, args: readonly string[], task: (git: SimpleGit) => Promise<T>, options: GitRunOptions = {}): Promise<T> {
  const baseDir = resolve(repoPath);
  if (!(await isDirectory(baseDir))) throw new NotAGitRepositoryError(baseDir);
  const config: Partial<SimpleGitOptions> = { baseDir };
  if (options.timeoutMs !== undefined) config.timeout = { block: options.timeoutMs };
  if (options.input !== undefined) {
    const input = options.input;
    config.input = () => input;
  }
  try {
    return await task(simpleGit(config));
  } catch (error) {
    throw typedFailure(error, baseDir, args, options.timeoutMs);
  }
}

/** Runs `git <args>` in `repoPath` and returns its standard output as text. */
export function gitText(repoPath: string, args: readonly string[], options?: GitRunOptions): Promise<string> {
  return runGit(repoPath, args, (git) => git.raw([...args]), options);
}

function typedFailure(error: unknown, baseDir: string, args: readonly string[], timeoutMs?: number): Error {
  if (error instanceof GitPluginError && error.plugin === 'timeout') {
    return new GitCommandError(args.join(' '), `timed out after ${timeoutMs} ms without output`);
  }
  if (!(error instanceof GitError)) return error instanceof Error ? error : new Error(String(error));
  if (/not a git repository/i.test(error.message)) return new NotAGitRepositoryError(baseDir);
  return new GitCommandError(args.join(' '), error.message);
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
