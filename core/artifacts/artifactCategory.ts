import { asObject, field } from '../json/jsonObject';

/**
 * The envelope's `category` of an artifact (DAG.md §1), the category a Marie-AI planner is registered under;
 * undefined when the artifact sets none (absent, null or blank). Takes the parsed content or the stored
 * canonical JSON text of a version's artifact.
 */
export function artifactCategory(content: unknown): string | undefined {
  const category = field(asObject(typeof content === 'string' ? parseOrUndefined(content) : content), 'category');
  return typeof category === 'string' && category.trim() !== '' ? category : undefined;
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
