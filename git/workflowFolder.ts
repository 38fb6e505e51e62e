import { gitText } from './gitCommand';

/**
 * Where the workflow repository at `repoPath` sits in its git repository, as a tree path prefix: `claims/` when
 * it is that sub-folder of a bigger repository, '' at the root (and in a bare clone). Its forge.json and artifact
 * paths are read relative to that folder; tags and history are the git repository's.
 */
export async function workflowFolderPrefix(repoPath: string): Promise<string> {
  return (await gitText(repoPath, ['rev-parse', '--show-prefix'])).trim();
}

/** A tree path (from the git root) relative to the workflow folder, or undefined when it lies outside it. */
export function pathInFolder(prefix: string, treePath: string): string | undefined {
  return treePath.startsWith(prefix) ? treePath.slice(prefix.length) : undefined;
}
