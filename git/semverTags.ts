import { compareBuild, parse } from 'semver';
import { resolveCommit } from './commitRefs';
import { gitText } from './gitCommand';
import { UnknownRefError } from './gitErrors';

/** Who made an annotated tag, and when (ISO 8601). */
export interface Tagger {
  name: string;
  email: string;
  date: string;
}

/** A git tag named `v<semver>`, with the commit it designates. */
export interface VersionTag {
  /** The tag name, e.g. `v1.2.3-beta.1+20240319`. */
  name: string;
  /** The semver without the `v`, pre-release and build metadata kept, e.g. `1.2.3-beta.1+20240319`. */
  version: string;
  prerelease: boolean;
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

/** The semver part of a `v*` tag name, or null when the name is not `v` followed by a valid semver. */
export function versionOfTagName(name: string): string | null {
  if (!/^v\d/.test(name)) return null;
  const parsed = parse(name.slice(1));
  return parsed ? name.slice(1) : null;
}

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
  return tags.sort((a, b) => compareBuild(a.version, b.version));
}

/** The highest version tag reachable from `ref` (default HEAD), or null when there is none. */
export async function latestVersionTag(repoPath: string, ref = 'HEAD'): Promise<VersionTag | null> {
  const tags = await listVersionTags(repoPath, { mergedInto: ref });
  return tags.at(-1) ?? null;
}

/** The semver predecessor of the tag `tagName` among `tags` (the highest one below it), or null. */
export function previousVersionTag(tags: readonly VersionTag[], tagName: string): VersionTag | null {
  const version = versionOfTagName(tagName);
  if (version === null) return null;
  let previous: VersionTag | null = null;
  for (const tag of tags) {
    if (compareBuild(tag.version, version) >= 0) continue;
    if (!previous || compareBuild(tag.version, previous.version) > 0) previous = tag;
  }
  return previous;
}

async function versionTagFromRecord(repoPath: string, fields: string[]): Promise<VersionTag | null> {
  const [name = '', type, object = '', peeledType, peeled = '', taggerName = '', taggerEmail = '', taggerDate = ''] =
    fields;
  const version = versionOfTagName(name);
  if (version === null) return null;
  const annotated = type === 'tag';
  const commit = annotated ? await peeledCommit(repoPath, name, peeledType, peeled) : type === 'commit' ? object : null;
  if (commit === null) return null;
  const subject = fields[8] ?? '';
  const body = fields[9] ?? '';
  return {
    name,
    version,
    prerelease: (parse(version)?.prerelease.length ?? 0) > 0,
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
