import { gitText } from './gitCommand';
import { GitCommandError, UnknownRefError } from './gitErrors';

/** The full commit id a ref (branch, tag, sha, `HEAD~2` …) points to, peeling annotated tags. */
export async function resolveCommit(repoPath: string, ref: string): Promise<string> {
  try {
    const out = await gitText(repoPath, ['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`]);
    return out.trim();
  } catch (error) {
    if (error instanceof GitCommandError) throw new UnknownRefError(ref);
    throw error;
  }
}

/** The commit HEAD points to; UnknownRefError in a repository without commits. */
export function headCommit(repoPath: string): Promise<string> {
  return resolveCommit(repoPath, 'HEAD');
}
