// Change paths read like `spec.plan.nodes[classify].dependencies`: keys joined by dots, matched entities by id.
const plainKey = /^[A-Za-z_$][\w$-]*$/;

/** Appends an object key to a change path. Keys that are not plain names are quoted. */
export function keyPath(base: string, key: string): string {
  if (!plainKey.test(key)) return `${base}[${JSON.stringify(key)}]`;
  return base ? `${base}.${key}` : key;
}

/** Appends the id of a matched entity (node, path, tool, field…) to a change path. */
export function idPath(base: string, id: string): string {
  return `${base}[${id}]`;
}

/** The last segment of a change path, used as the subject of a change's wording. */
export function pathSubject(path: string): string {
  const match = /(?:^|\.)([^.[\]]+)$|\[("(?:[^"\\]|\\.)*"|[^\]]*)\]$/.exec(path);
  if (!match) return 'content';
  if (match[1] !== undefined) return match[1];
  const bracketed = match[2] ?? '';
  return bracketed.startsWith('"') ? (JSON.parse(bracketed) as string) : bracketed;
}
