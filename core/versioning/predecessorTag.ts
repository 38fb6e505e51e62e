import { compareBuild } from 'semver';
import { parseVersionTag, requireVersionTag } from './semverTag';

/**
 * The semver predecessor of `tag` among `tags`: the highest release tag ordered below it (pre-releases
 * included). Tags that are not release tags are ignored; undefined when there is none.
 */
export function findPredecessorTag(tag: string, tags: Iterable<string>): string | undefined {
  const version = requireVersionTag(tag).version;
  let best: { tag: string; version: string } | undefined;
  for (const candidate of tags) {
    const parsed = parseVersionTag(candidate);
    if (!parsed || compareBuild(parsed.version, version) >= 0) continue;
    if (!best || compareBuild(parsed.version, best.version) > 0) best = parsed;
  }
  return best?.tag;
}
