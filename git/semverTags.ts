import { compareVersionTags, parseVersionTag, type SemverTag } from '../core/versioning/semverTag';
import { resolveCommit } from './commitRefs';
import { gitText } from './gitCommand';
import { UnknownRefError } from './gitErrors';

/** Who made an annotated tag, and when (ISO 8601). */
export interface Tagger {
  name: string;
  email: string;
  date: string;
}

/** A git tag named `v<semver>` (parsed as core/versioning does), with the commit it designates. */
export interface VersionTag extends SemverTag {
  /** The commit the tag points to (peeled through annotated tags). */
  commit: string;
  annotated: boolean;
  /** The annotation (subject and body); null for lightweight tags. */
  message: string | null;
  tagger: Tagger | null;
}

export interface ListVersionTagsOptions {
  /** Only tags whose commit is reachable from this ref (e.g. `HEAD`). */
  mergedInto?: string;
}

const field = '%1f';
const record = '%1e';
const tagFormat = [
  '%(refname:strip=2)',
  '%(objecttype)',
  '%(objectname)',
  '%(*objecttype)',
  '%(*objectname)',
  '%(taggername)',
  '%(taggeremail)',
  '%(taggerdate:iso-strict)',
  '%(contents:subject)',
  '%(contents:body)',
].join(field);

/** Every `v<semver>` tag of the repository in ascending semver order; other tags are ignored. */
export async function listVersionTags(repoPath: string, options: ListVersionTagsOptions = {}): Promise<VersionTag[]> {
  const args = ['for-each-ref', `--format=${tagFormat}${record}`];
  if (options.mergedInto !== undefined) {
    // Resolving first turns a bad ref into UnknownRefError instead of a generic failure.
    args.push(`--merged=${await resolveCommit(repoPath, options.mergedInto)}`);
  }
  args.push('refs/tags/v*');
  const out = await gitText(repoPath, args);
  const tags: VersionTag[] = [];
  for (const line of out.split('\x1e\n')) {
    if (line.trim() === '') continue;
    const tag = await versionTagFromRecord(repoPath, line.split('\x1f'));
    if (tag) tags.push(tag);
  }
  return tags.sort((a, b) => compareVersionTags(a.tag, b.tag));
}

/** The highest version tag reachable from `ref` (default HEAD), or null when there is none. */
export async function latestVersionTag(repoPath: string, ref = 'HEAD'): Promise<VersionTag | null> {
  const tags = await listVersionTags(repoPath, { mergedInto: ref });
  return tags.at(-1) ?? null;
}

async function versionTagFromRecord(repoPath: string, fields: string[]): Promise<VersionTag | null> {
  const [name = '', type, object = '', peeledType, peeled = '', taggerName = '', taggerEmail = '', taggerDate = ''] = fields;
  const parsed = parseVersionTag(name);
  if (!parsed) return null;
  const annotated = type === 'tag';
  const commit = annotated ? await peeledCommit(repoPath, name, peeledType, peeled) : type === 'commit' ? object : null;
  if (commit === null) return null;
  const subject = fields[8] ?? '';
  const body = fields[9] ?? '';
  return {
    ...parsed,
    commit,
    annotated,
    message: annotated ? `${subject}\n\n${body}`.trim() : null,
    tagger: annotated ? { name: taggerName, email: taggerEmail.replace(/^<|>$/g, ''), date: taggerDate } : null,
  };
}

/** for-each-ref peels one level; a tag of a tag (rare) is resolved by rev-parse, a tag of a tree is skipped. */
async function peeledCommit(repoPath: string, name: string, peeledType?: string, peeled?: string): Promise<string | null> {
  if (peeledType === 'commit' && peeled) return peeled;
  if (peeledType !== 'tag') return null;
  try {
    return await resolveCommit(repoPath, `refs/tags/${name}`);
  } catch (error) {
    if (error instanceof UnknownRefError) return null;
    throw error;
  }
}
