import type { JsonPath } from './diagnostic';

/**
 * A JSON path as a chain of links to its parent, for walks whose depth the user controls: extending one is
 * O(1), and only the few paths that end up in a finding are turned into arrays.
 */
export interface PathLink {
  parent: PathLink | JsonPath;
  segment: string | number;
}

/** The path of a link (or an array path as is). */
export function toPath(link: PathLink | JsonPath): JsonPath {
  const segments: Array<string | number> = [];
  let current: PathLink | JsonPath = link;
  while (!Array.isArray(current)) {
    const node = current as PathLink;
    segments.push(node.segment);
    current = node.parent;
  }
  return [...(current as JsonPath), ...segments.reverse()];
}

/** `link` extended by segments. */
export function extend(link: PathLink | JsonPath, ...segments: Array<string | number>): PathLink | JsonPath {
  let current = link;
  for (const segment of segments) current = { parent: current, segment };
  return current;
}
