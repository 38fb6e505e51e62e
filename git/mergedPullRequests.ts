import { createArtifactClassifier } from '../core/config/artifactClassifier';
import { forgeConfigAtCommit } from './artifactsAtCommit';
import { resolveCommit } from './commitRefs';
import { gitText } from './gitCommand';
import { pathInFolder, workflowFolderPrefix } from './workflowFolder';

/** A pull request found in history, as a change set records it. */
export interface MergedPullRequest {
  number: number;
  title: string;
  /**
   * Who wrote the change: for a merge commit, the author of the PR branch's head commit (the
   * merge commit's author is whoever pressed "merge"); for a squash commit, its author, which
   * GitHub sets to the PR's author.
   */
  author: string;
  authorEmail: string;
  /** The commit on the target branch that brought the PR in. */
  mergeCommit: string;
  /** Committer date of the merge commit (ISO 8601). */
  mergedAt: string;
  style: 'merge' | 'squash';
  /** Every path the PR added, changed or removed (a rename counts as both paths), from the git root. */
  files: string[];
  /** The `files` in the workflow folder matching its artifact globs at `to`, relative to that folder. */
  artifacts: string[];
}

export interface PullRequestRange {
  /** The previous version tag (excluded); absent or null: from the first commit. */
  from?: string | null;
  /** The new tag or commit (included). */
  to: string;
}

interface Person {
  name: string;
  email: string;
}

interface LoggedCommit {
  sha: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  committedAt: string;
  subject: string;
  body: string;
  files: string[];
}

const mergeSubject = /^Merge pull request #(\d+) from (\S+)/;
const squashSubject = /^(.+?)\s*\(#(\d+)\)$/;
const logFormat = ['%H', '%P', '%an', '%ae', '%cI', '%s', '%b', ''].join('%x1f');

/**
 * The pull requests merged into `to` since `from`, oldest first: GitHub merge commits
 * (`Merge pull request #N from owner/branch`, title from the body's first line) and squash
 * commits (`Title (#N)`). Only the first-parent line of `to` is read, so commits inside a PR
 * branch are never mistaken for PRs of their own. For a workflow folder inside a bigger repository, only the
 * pull requests that touched that folder count.
 */
export async function mergedPullRequests(repoPath: string, range: PullRequestRange): Promise<MergedPullRequest[]> {
  const to = await resolveCommit(repoPath, range.to);
  const from = range.from ? await resolveCommit(repoPath, range.from) : null;
  const commits = await firstParentHistory(repoPath, to, from);
  const prefix = await workflowFolderPrefix(repoPath);
  const classify = createArtifactClassifier((await forgeConfigAtCommit(repoPath, to)).artifacts);
  const pullRequests = commits.flatMap((commit) => {
    const pr = pullRequestOf(commit);
    if (!pr || (prefix && !pr.files.some((path) => pathInFolder(prefix, path) !== undefined))) return [];
    const inFolder = pr.files.flatMap((path) => pathInFolder(prefix, path) ?? []);
    return [{ ...pr, artifacts: inFolder.filter((path) => classify(path) !== undefined) }];
  });
  const branchHeads = pullRequests.flatMap((pr) => (pr.style === 'merge' && pr.branchHead ? [pr.branchHead] : []));
  const headAuthors = await authorsOf(repoPath, branchHeads);
  return pullRequests.map(({ branchHead, ...pr }) => {
    const headAuthor = branchHead ? headAuthors.get(branchHead) : undefined;
    return headAuthor ? { ...pr, author: headAuthor.name, authorEmail: headAuthor.email } : pr;
  });
}

function pullRequestOf(commit: LoggedCommit): (Omit<MergedPullRequest, 'artifacts'> & { branchHead?: string }) | null {
  const common = {
    author: commit.authorName,
    authorEmail: commit.authorEmail,
    mergeCommit: commit.sha,
    mergedAt: commit.committedAt,
    files: commit.files,
  };
  const merge = mergeSubject.exec(commit.subject);
  if (merge) {
    const bodyTitle = commit.body.split('\n').find((line) => line.trim() !== '');
    return {
      ...common,
      number: Number(merge[1]),
      title: bodyTitle?.trim() ?? merge[2] ?? '',
      style: 'merge',
      branchHead: commit.parents[1],
    };
  }
  const squash = squashSubject.exec(commit.subject);
  if (squash) return { ...common, number: Number(squash[2]), title: squash[1] ?? '', style: 'squash' };
  return null;
}

async function firstParentHistory(repoPath: string, to: string, from: string | null): Promise<LoggedCommit[]> {
  const out = await gitText(repoPath, [
    'log',
    '--first-parent',
    // Diff each merge against its first parent: exactly what the PR brought into the branch.
    '--diff-merges=first-parent',
    '--no-renames',
    '--root',
    '--no-color',
    '--name-only',
    '-z',
    '--reverse',
    `--format=%x1e${logFormat}`,
    to,
    ...(from ? [`^${from}`] : []),
    '--',
  ]);
  return out
    .split('\x1e')
    .filter((entry) => entry !== '')
    .map((entry) => {
      const [sha = '', parents = '', authorName = '', authorEmail = '', committedAt = '', subject = '', body = ''] = entry.split('\x1f');
      const names = entry.slice(entry.lastIndexOf('\x1f') + 1);
      return {
        sha,
        parents: parents.split(' ').filter(Boolean),
        authorName,
        authorEmail,
        committedAt,
        subject,
        body,
        // After the format comes "\0\n" then the NUL-separated paths.
        files: names
          .split('\0')
          .map((name) => name.replace(/^\n/, ''))
          .filter(Boolean),
      };
    });
}

async function authorsOf(repoPath: string, commits: readonly string[]): Promise<Map<string, Person>> {
  const authors = new Map<string, Person>();
  if (commits.length === 0) return authors;
  const out = await gitText(repoPath, ['log', '--no-walk=unsorted', '--format=%H%x1f%an%x1f%ae%x1e', ...commits, '--']);
  for (const entry of out.split('\x1e')) {
    const [sha = '', name = '', email = ''] = entry.trim().split('\x1f');
    if (sha) authors.set(sha, { name, email });
  }
  return authors;
}
