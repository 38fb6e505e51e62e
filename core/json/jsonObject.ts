/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function asObject(value: unknown): JsonObject | undefined {
  return isObject(value) ? value : undefined;
}

/**
 * A member's value, where `null` reads as absent: in an artifact, `null` means "not set" (DAG.md §1), as
 * Marie-AI writes unset fields. Own property only: keys like "__proto__" or "constructor" in user JSON must not
 * reach the prototype.
 */
export function field(object: JsonObject | undefined, key: string): unknown {
  return object !== undefined && Object.hasOwn(object, key) ? (object[key] ?? undefined) : undefined;
}

/** A string property of something that may be an object. */
export function stringField(value: unknown, key: string): string | undefined {
  const found = field(asObject(value), key);
  return typeof found === 'string' ? found : undefined;
}
