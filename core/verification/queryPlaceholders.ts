/**
 * The placeholders a verification query may use, replaced before it is sent to Prometheus:
 * `{{environment}}` and `{{version}}` by the release's environment and version tag, and `{{workflow}}` by the
 * version's workflows as one regular expression alternation (`claims-intake|claims-fraud-review`), so a single
 * query covers every workflow of the version: use it with `=~` (`planner=~"{{workflow}}"`). Values are escaped
 * for a double-quoted PromQL string, and workflow names also for the regular expression.
 */
export const queryPlaceholders = ['environment', 'version', 'workflow'] as const;

export type QueryPlaceholder = (typeof queryPlaceholders)[number];

/** What the placeholders of one release stand for. */
export interface QueryContext {
  environment: string;
  version: string;
  /** The names of the version's workflow artifacts. */
  workflows: readonly string[];
}

const placeholderPattern = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholders of a query that are not one of `queryPlaceholders`, each once, in order of appearance. */
export function unknownPlaceholders(query: string): string[] {
  const unknown = [...query.matchAll(placeholderPattern)].map((match) => match[1] ?? '').filter((name) => !isPlaceholder(name));
  return [...new Set(unknown)];
}

/** Whether the query names a placeholder. */
export function usesPlaceholder(query: string, placeholder: QueryPlaceholder): boolean {
  return [...query.matchAll(placeholderPattern)].some((match) => match[1] === placeholder);
}

/** A query that cannot be sent for this release, and why. */
export class UnrenderableQueryError extends Error {}

/**
 * The query with every placeholder replaced. Throws UnrenderableQueryError when it names `{{workflow}}` and the
 * version has no workflow (an empty alternation would match series without the label at all).
 */
export function renderQuery(query: string, context: QueryContext): string {
  if (usesPlaceholder(query, 'workflow') && context.workflows.length === 0) {
    throw new UnrenderableQueryError(`${context.version} has no workflow for {{workflow}} to stand for`);
  }
  return query.replace(placeholderPattern, (whole, name: string) => {
    if (!isPlaceholder(name)) return whole;
    if (name === 'workflow') return promqlString(context.workflows.map(regexLiteral).join('|'));
    return promqlString(context[name]);
  });
}

function isPlaceholder(name: string): name is QueryPlaceholder {
  return (queryPlaceholders as readonly string[]).includes(name);
}

/** Escapes text for the inside of a double-quoted PromQL string. */
function promqlString(text: string): string {
  return text.replace(/[\\"]/g, (character) => `\\${character}`).replace(/\n/g, '\\n');
}

/** Escapes text so that an RE2 regular expression matches it literally. */
function regexLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, (character) => `\\${character}`);
}
