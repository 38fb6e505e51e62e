import { gitText, runGit } from './gitCommand';
import { GitCommandError } from './gitErrors';

/** A file stored in a commit's tree. */
export interface TreeBlob {
  path: string;
  blob: string;
}

const symlinkMode = '120000';

/**
 * The regular files of a commit's tree, recursively, in path order. `under` narrows the listing to
 * these repository-relative directories or files (null: the whole tree).
 */
export async function listTreeBlobs(repoPath: string, commit: string, under: readonly string[] | null): Promise<TreeBlob[]> {
  const args = ['ls-tree', '-r', '-z', '--full-tree', commit];
  if (under !== null) {
    if (under.length === 0) return [];
    args.push('--', ...under.map((path) => `:(literal)${path}`));
  }
  const out = await gitText(repoPath, args);
  const blobs: TreeBlob[] = [];
  for (const entry of out.split('\0')) {
    // "<mode> SP <type> SP <object> TAB <path>"
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, blob] = entry.slice(0, tab).split(' ');
    // Symlinks are blobs holding a target path, and submodules are commits: neither is an artifact file.
    if (type !== 'blob' || mode === symlinkMode || !blob) continue;
    blobs.push({ path: entry.slice(tab + 1), blob });
  }
  return blobs;
}

/** The contents of blobs by id, read in one `git cat-file --batch` process however many there are. */
export async function readBlobs(repoPath: string, blobIds: readonly string[]): Promise<Map<string, Buffer>> {
  const unique = [...new Set(blobIds)];
  const contents = new Map<string, Buffer>();
  if (unique.length === 0) return contents;
  const args = ['cat-file', '--batch'];
  const out = await runGit<Buffer>(repoPath, args, (git) => git.binaryCatFile(['--batch']), {
    input: `${unique.join('\n')}\n`,
  });
  // Each answer is "<id> <type> <size>\n<size bytes>\n", or "<id> missing\n".
  let offset = 0;
  while (offset < out.length) {
    const headerEnd = out.indexOf(0x0a, offset);
    if (headerEnd < 0) break;
    const [id = '', type, sizeText] = out.subarray(offset, headerEnd).toString('utf8').split(' ');
    if (type === 'missing' || sizeText === undefined) {
      throw new GitCommandError(args.join(' '), `object ${id} is missing from the repository`);
    }
    const start = headerEnd + 1;
    const end = start + Number(sizeText);
    contents.set(id, out.subarray(start, end));
    offset = end + 1;
  }
  if (contents.size !== unique.length) {
    throw new GitCommandError(args.join(' '), `read ${contents.size} of ${unique.length} objects`);
  }
  return contents;
}
