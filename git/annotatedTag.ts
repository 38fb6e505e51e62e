import { resolveCommit } from './commitRefs';
import { gitText } from './gitCommand';
import { GitCommandError, InvalidTagNameError, TagExistsError } from './gitErrors';

export interface AnnotatedTagRequest {
  /** The tag name, e.g. `v1.4.0`. */
  tag: string;
  message: string;
  /** The commit (or any ref) to tag; HEAD when absent. */
  commit?: string;
}

export interface CreatedTag {
  tag: string;
  commit: string;
}

/** Creates an annotated tag; TagExistsError when the name is taken, whatever it points to. */
export async function createAnnotatedTag(repoPath: string, request: AnnotatedTagRequest): Promise<CreatedTag> {
  await assertValidTagName(repoPath, request.tag);
  const commit = await resolveCommit(repoPath, request.commit ?? 'HEAD');
  const existing = await tagTarget(repoPath, request.tag);
  if (existing !== null) throw new TagExistsError(request.tag, existing);
  try {
    await gitText(repoPath, ['tag', '--annotate', `--message=${request.message}`, request.tag, commit]);
  } catch (error) {
    // Another process may have created it between the check and now.
    if (error instanceof GitCommandError && /already exists/.test(error.stderr)) {
      throw new TagExistsError(request.tag, (await tagTarget(repoPath, request.tag)) ?? commit);
    }
    throw error;
  }
  return { tag: request.tag, commit };
}

/** The commit a tag points to (peeled), or null when there is no such tag. */
export async function tagTarget(repoPath: string, tag: string): Promise<string | null> {
  const ref = `refs/tags/${tag}`;
  // for-each-ref also matches refs below a slash-prefix, so keep only the exact name.
  const out = await gitText(repoPath, ['for-each-ref', '--format=%(refname)%1f%(objectname)%1f%(*objectname)', ref]);
  for (const line of out.split('\n')) {
    const [name, object, peeled] = line.split('\x1f');
    if (name === ref) return peeled || object || null;
  }
  return null;
}

async function assertValidTagName(repoPath: string, tag: string): Promise<void> {
  if (tag.startsWith('-')) throw new InvalidTagNameError(tag);
  // check-ref-format prints the normalized name when valid, and nothing (or an error) when not.
  const normalized = await gitText(repoPath, ['check-ref-format', '--normalize', `refs/tags/${tag}`]).catch((error: unknown) => {
    if (error instanceof GitCommandError) return '';
    throw error;
  });
  if (normalized.trim() !== `refs/tags/${tag}`) throw new InvalidTagNameError(tag);
}
