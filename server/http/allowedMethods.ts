/** The methods a path answers to, read from the routes of `app` ('ALL' entries are middleware, not routes). */
export type AllowedMethods = (path: string) => string[];

/**
 * What a path that no route matched with its method does take, for a 405 with `Allow` instead of a 404. Built
 * once from the app's routes, after they are all registered. HEAD is answered wherever GET is.
 */
export function allowedMethodsOf(app: { routes: readonly { method: string; path: string }[] }): AllowedMethods {
  const patterns = new Map<string, { pattern: RegExp; methods: Set<string> }>();
  for (const route of app.routes) {
    if (route.method === 'ALL') continue;
    const entry = patterns.get(route.path) ?? { pattern: pathPattern(route.path), methods: new Set<string>() };
    entry.methods.add(route.method);
    if (route.method === 'GET') entry.methods.add('HEAD');
    patterns.set(route.path, entry);
  }
  return (path) => {
    const methods = new Set<string>();
    for (const { pattern, methods: taken } of patterns.values()) if (pattern.test(path)) for (const method of taken) methods.add(method);
    return [...methods].sort();
  };
}

/** `/api/releases/:id` as a regular expression matching one path segment per parameter. */
function pathPattern(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}
